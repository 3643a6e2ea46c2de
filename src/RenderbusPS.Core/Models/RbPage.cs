using System;
using System.Collections.Generic;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>One page of a <c>pageNum/pageSize</c> answer.</summary>
    internal sealed class RbPage<T>
    {
        public RbPage(IReadOnlyList<T> items, int pageNum, int? pageCount, long? total)
        {
            Items = items;
            PageNum = pageNum;
            PageCount = pageCount;
            Total = total;
        }

        public IReadOnlyList<T> Items { get; }
        public int PageNum { get; }
        public int? PageCount { get; }
        public long? Total { get; }

        internal static RbPage<T> FromWire(JsonElement data, int requestedPage, Func<JsonElement, T> map)
        {
            var w = new WireObject(data);
            return new RbPage<T>(w.List("items", map), w.Int("pageNum") ?? requestedPage, w.Int("pageCount"), w.Long("total"));
        }
    }
}
