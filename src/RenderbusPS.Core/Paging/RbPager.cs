using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Paging
{
    /// <summary>One page of a <c>pageNum/pageSize</c> answer.</summary>
    public sealed class RbPage<T>
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

    /// <summary>
    /// Streams a paged list one page at a time. It stops on <c>pageCount</c>/<c>total</c> (never on an empty page),
    /// honours skip/first by asking only for the pages it needs, drops items it already gave out (the list may
    /// shift while it is read), and fails rather than loop when the service sends only items it has already sent.
    /// </summary>
    public sealed class RbPager<T>
    {
        private readonly Func<int, int, CancellationToken, Task<RbPage<T>>> fetch;
        private readonly Func<T, long> keyOf;
        private readonly string what;
        private readonly HashSet<long> seen = new HashSet<long>();
        private int pageNum;
        private int toDrop;
        private long? remaining;
        private int? firstPageCount;

        public RbPager(Func<int, int, CancellationToken, Task<RbPage<T>>> fetch, Func<T, long> keyOf, int pageSize, int maxPageSize,
            long skip = 0, long? first = null, string what = "items")
        {
            if (pageSize < 1 || pageSize > maxPageSize)
                throw new RbValidationException("Rb.InvalidPageSize", $"The page size {pageSize} is outside 1..{maxPageSize}.", "PageSize",
                    $"Give a page size from 1 to {maxPageSize}.", pageSize);
            if (skip < 0) throw new ArgumentOutOfRangeException(nameof(skip));
            this.fetch = fetch;
            this.keyOf = keyOf;
            this.what = what;
            PageSize = pageSize;
            pageNum = (int)(skip / pageSize) + 1;
            toDrop = (int)(skip % pageSize);
            remaining = first;
            IsDone = first == 0;
        }

        public int PageSize { get; }

        /// <summary>The service's total count, known after the first page.</summary>
        public long? Total { get; private set; }

        /// <summary>Pages fetched so far.</summary>
        public int PagesFetched { get; private set; }

        public bool IsDone { get; private set; }

        /// <summary>The next page's new items (possibly none); check <see cref="IsDone"/> afterwards.</summary>
        public async Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<T>();
            var page = await fetch(pageNum, PageSize, cancellationToken).ConfigureAwait(false);
            PagesFetched++;
            if (PagesFetched == 1)
            {
                Total = page.Total;
                firstPageCount = page.PageCount;
            }

            var fresh = new List<T>(page.Items.Count);
            foreach (var item in page.Items)
            {
                if (seen.Add(keyOf(item))) fresh.Add(item);
            }
            if (page.Items.Count > 0 && fresh.Count == 0)
            {
                IsDone = true;
                throw new RbProtocolException(
                    $"The service sent page {pageNum} of the {what} with only {what} it had already sent; stopped after {seen.Count} to avoid reading forever.", what);
            }

            IEnumerable<T> emit = fresh;
            if (toDrop > 0)
            {
                emit = emit.Skip(toDrop);
                toDrop = 0;
            }
            if (remaining.HasValue) emit = emit.Take((int)Math.Min(remaining.Value, int.MaxValue));
            var result = emit.ToList();
            if (remaining.HasValue) remaining -= result.Count;

            var pageCount = page.PageCount ?? firstPageCount;
            var reachedEnd =
                (pageCount.HasValue && pageNum >= pageCount.Value) ||
                (page.Total.HasValue && (long)pageNum * PageSize >= page.Total.Value) ||
                (!pageCount.HasValue && !page.Total.HasValue && page.Items.Count < PageSize);
            // A service that keeps announcing more pages is held to what it said on the first page, with room for growth.
            var runaway = firstPageCount.HasValue && pageNum >= firstPageCount.Value * 2 + 10;
            IsDone = reachedEnd || runaway || remaining == 0;
            pageNum++;
            return result;
        }

        /// <summary>Reads every remaining page into one list (for callers that do not stream).</summary>
        public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<T>();
            while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            return all;
        }
    }
}
