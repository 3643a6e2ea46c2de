using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>One page of a <c>pageNum/pageSize</c> answer (read with <see cref="RbWire.Page{T}(System.Text.Json.JsonElement, int)"/>).</summary>
    internal sealed class RbPage<T>
    {
        public RbPage()
        {
        }

        public RbPage(IReadOnlyList<T> items, int pageNum, int? pageCount, long? total)
        {
            Items = items;
            PageNum = pageNum;
            PageCount = pageCount;
            Total = total;
        }

        internal static RbPage<T> FromWire(System.Text.Json.JsonElement data, int requestedPage, Func<System.Text.Json.JsonElement, T> map)
        {
            var w = new WireObject(data);
            return new RbPage<T>(w.List("items", map), w.Int("pageNum") ?? requestedPage, w.Int("pageCount"), w.Long("total"));
        }

        [JsonPropertyName("items")]
        public IReadOnlyList<T> Items { get; set; } = Array.Empty<T>();

        /// <summary>The page's number as the answer gives it, else the number asked for.</summary>
        [JsonPropertyName("pageNum")]
        public int? PageNum { get; set; }

        [JsonPropertyName("pageCount")]
        public int? PageCount { get; set; }

        [JsonPropertyName("total")]
        public long? Total { get; set; }
    }
}
