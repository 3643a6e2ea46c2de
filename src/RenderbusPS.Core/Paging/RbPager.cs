using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
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

    /// <summary>How a list's membership reacts to changes: which changes can move its items out of it.</summary>
    public sealed class RbListWatch
    {
        public RbListWatch(RbChangeFeed feed, RbKind kind, Func<RbOperation, bool> canLeave)
        {
            Feed = feed ?? throw new ArgumentNullException(nameof(feed));
            Kind = kind;
            CanLeave = canLeave ?? throw new ArgumentNullException(nameof(canLeave));
        }

        public RbChangeFeed Feed { get; }
        public RbKind Kind { get; }
        /// <summary>True when an item changed by this operation may no longer match the list's filter.</summary>
        public Func<RbOperation, bool> CanLeave { get; }
    }

    /// <summary>
    /// Streams a paged list one page at a time, and gives out every item that matched when it started exactly once,
    /// even while the caller (or anyone else) changes what the list filters on.
    /// <para>
    /// The service only pages by number, so the pager keeps a cursor: the position in the list, as it is now, of the
    /// next item it has not given out. Items leaving the list before the cursor move everything after it up. The pager
    /// moves its cursor back by (a) the ids it gave out that a change published on the client's <see cref="RbChangeFeed"/>
    /// may have moved out of the list, before it asks for the page, so <c>Get-RbTask -Status Rendering | Stop-RbTask</c>
    /// reads each page once; and (b) any further drop of the service's <c>total</c>, which covers changes made elsewhere.
    /// Moving back too far only re-reads items it has given out, which it drops by id; it never moves forward past an
    /// item it has not read. It stops on <c>pageCount</c>/<c>total</c> (never on an empty page), asks only for the pages
    /// -Skip/-First need, and fails rather than loop when the service repeats items while nothing changed.
    /// It keeps ids, not items.
    /// </para>
    /// </summary>
    public sealed class RbPager<T> : IDisposable, IRbChangeListener
    {
        private readonly Func<int, int, CancellationToken, Task<RbPage<T>>> fetch;
        private readonly Func<T, long> keyOf;
        private readonly string what;
        private readonly RbListWatch? watch;
        private readonly object gate = new object();
        private readonly HashSet<long> seen = new HashSet<long>();
        private readonly HashSet<long> gone = new HashSet<long>();
        private long pendingGone;
        private long position;
        private long? lastTotal;
        private long largestTotal;
        private long? remaining;
        private bool firstRead = true;

        public RbPager(Func<int, int, CancellationToken, Task<RbPage<T>>> fetch, Func<T, long> keyOf, int pageSize, int maxPageSize,
            long skip = 0, long? first = null, string what = "items", RbListWatch? watch = null)
        {
            RbInputRules.CheckPageSize(pageSize, maxPageSize);
            if (skip < 0) throw new ArgumentOutOfRangeException(nameof(skip));
            if (first < 0) throw new ArgumentOutOfRangeException(nameof(first));
            this.fetch = fetch;
            this.keyOf = keyOf;
            this.what = what;
            this.watch = watch;
            PageSize = pageSize;
            position = skip;
            remaining = first;
            IsDone = first == 0;
            if (!IsDone) watch?.Feed.Subscribe(this);
        }

        public int PageSize { get; }

        /// <summary>The service's total count, known after the first page.</summary>
        public long? Total { get; private set; }

        /// <summary>Pages fetched so far.</summary>
        public int PagesFetched { get; private set; }

        public bool IsDone { get; private set; }

        void IRbChangeListener.OnChange(RbChange change)
        {
            if (watch == null || change.Kind != watch.Kind || !watch.CanLeave(change.Operation)) return;
            lock (gate)
            {
                foreach (var id in change.Ids)
                {
                    if (seen.Contains(id) && gone.Add(id)) pendingGone++;
                }
            }
        }

        /// <summary>The next page's new items (possibly none); check <see cref="IsDone"/> afterwards.</summary>
        public async Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<T>();
            try
            {
                return await ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                Finish();
                throw;
            }
        }

        private async Task<IReadOnlyList<T>> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                long predicted;
                lock (gate)
                {
                    predicted = pendingGone;
                    pendingGone = 0;
                }
                position = Math.Max(0, position - predicted);
                var expectedTotal = lastTotal - predicted;

                var pageNum = (int)(position / PageSize) + 1;
                var start = (long)(pageNum - 1) * PageSize;
                var page = await fetch(pageNum, PageSize, cancellationToken).ConfigureAwait(false);
                PagesFetched++;
                if (Total == null) Total = page.Total;
                largestTotal = Math.Max(largestTotal, page.Total ?? 0);
                if (PagesFetched > 3 * (largestTotal / PageSize + 1) + 10)
                    throw new RbProtocolException($"The service kept announcing more {what} after {PagesFetched} pages; stopped after {seen.Count} to avoid reading forever.", what);

                var unexplained = expectedTotal.HasValue && page.Total.HasValue ? expectedTotal.Value - page.Total.Value : 0;
                lastTotal = page.Total ?? lastTotal;
                if (unexplained > 0)
                {
                    // more left the list than this client changed: the next item may be up to that many places earlier
                    position = Math.Max(0, position - unexplained);
                    if (position < start) continue;
                }

                var firstCandidate = (int)Math.Min(position - start, page.Items.Count);
                var fresh = new List<T>();
                lock (gate)
                {
                    if (firstRead)
                    {
                        // items before -Skip's position on the first page read were skipped, not to be given out later
                        for (var i = 0; i < firstCandidate; i++) seen.Add(keyOf(page.Items[i]));
                    }
                    for (var i = firstCandidate; i < page.Items.Count; i++)
                    {
                        if (seen.Add(keyOf(page.Items[i]))) fresh.Add(page.Items[i]);
                    }
                }
                firstRead = false;

                var candidates = page.Items.Count - firstCandidate;
                var unchanged = predicted == 0 && unexplained == 0 && (!expectedTotal.HasValue || page.Total == expectedTotal);
                if (candidates > 0 && fresh.Count == 0 && unchanged)
                {
                    throw new RbProtocolException(
                        $"The service sent page {pageNum} of the {what} with only {what} it had already sent; stopped after {seen.Count} to avoid reading forever.", what);
                }

                position = start + page.Items.Count;
                var emit = remaining.HasValue ? fresh.Take((int)Math.Min(remaining.Value, int.MaxValue)).ToList() : fresh;
                if (remaining.HasValue) remaining -= emit.Count;

                var reachedEnd =
                    (page.PageCount.HasValue && pageNum >= page.PageCount.Value) ||
                    (page.Total.HasValue && position >= page.Total.Value) ||
                    (!page.PageCount.HasValue && !page.Total.HasValue && page.Items.Count < PageSize);
                if (reachedEnd || remaining == 0) Finish();
                return emit;
            }
        }

        private void Finish()
        {
            IsDone = true;
            watch?.Feed.Unsubscribe(this);
        }

        /// <summary>Reads every remaining page into one list (for callers that do not stream).</summary>
        public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<T>();
            while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            return all;
        }

        /// <summary>Stops listening for changes; the pager reads no more.</summary>
        public void Dispose() => Finish();
    }
}
