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
    /// <summary>How a list's membership reacts to changes: which changes can move its items out of it.</summary>
    internal sealed class RbListWatch
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
    /// Streams a paged list, reading ahead up to the throttle limit, and gives out every item that matched when it
    /// started exactly once, even while the caller changes what the list filters on. How: CONTRIBUTING.md, "The
    /// list-then-act promise".
    /// </summary>
    internal sealed class RbPager<T> : IRbPages<T>, IRbChangeListener
    {
        private readonly Func<int, int, CancellationToken, Task<RbPage<T>>> fetch;
        private readonly Func<T, long> keyOf;
        private readonly string what;
        private readonly RbListWatch? watch;
        private readonly object gate = new object();
        private readonly HashSet<long> seen = new HashSet<long>();
        private readonly HashSet<long> gone = new HashSet<long>();
        private readonly RbReadAhead<RbPage<T>> ahead;
        private long pendingGone;
        private int staleReads;
        private long position;
        private long? lastTotal;
        private int? lastPageCount;
        private long largestTotal;
        private long? remaining;
        private bool firstRead = true;

        public RbPager(
            Func<int, int, CancellationToken, Task<RbPage<T>>> fetch, Func<T, long> keyOf, int pageSize,
            int maxPageSize,
            long skip = 0, long? first = null, string what = "items", RbListWatch? watch = null, int throttleLimit = 1,
                RbListing? listing = null)
        {
            Listing = listing ?? new RbListing();
            RbInputRules.CheckPageSize(pageSize, maxPageSize);
            RbInputRules.CheckThrottleLimit(throttleLimit);
            if (skip < 0) throw new ArgumentOutOfRangeException(nameof(skip));
            if (first < 0) throw new ArgumentOutOfRangeException(nameof(first));
            this.fetch = fetch;
            this.keyOf = keyOf;
            this.what = what;
            this.watch = watch;
            PageSize = pageSize;
            ahead = new RbReadAhead<RbPage<T>>((pageNum, ct) => fetch(pageNum, pageSize, ct), throttleLimit, what);
            position = skip;
            remaining = first;
            IsDone = first == 0;
            if (!IsDone) watch?.Feed.Subscribe(this);
        }

        public int PageSize { get; }

        /// <summary>Open until this pager is disposed (not merely done): the items it gave out are still being
        /// written.</summary>
        public RbListing Listing { get; }

        /// <summary>Requests in flight the listing started with.</summary>
        public int ThrottleLimit => ahead.ThrottleLimit;

        /// <summary>Requests in flight it allows now: lower than <see cref="ThrottleLimit"/> after the service
        /// struggled or the list moved under it.</summary>
        public int Concurrency => ahead.Concurrency;

        /// <summary>The service's total count, known after the first page.</summary>
        public long? Total { get; private set; }

        /// <summary>Items passed over for -Skip (known after the first page): fewer than asked when the list is
        /// shorter.</summary>
        public long Skipped { get; private set; }

        /// <summary>Pages handed to the cursor so far (each page read, read again or read ahead and used).</summary>
        public int PagesFetched { get; private set; }

        /// <summary>Page requests sent so far, read-ahead included (some may have been dropped unused).</summary>
        public int PagesRequested => ahead.Requested;

        /// <summary>Page requests sent that have not ended yet.</summary>
        public int InFlight => ahead.InFlight;

        /// <summary>The most page requests that were in flight at once.</summary>
        public int MaxInFlight => ahead.MaxInFlight;

        /// <summary>Page requests that ended cancelled (dropped read-ahead, Ctrl+C, disposal).</summary>
        public int PagesCancelled => ahead.Cancelled;

        public bool IsDone { get; private set; }

        public bool TotalIsExact => true;

        void IRbChangeListener.OnChange(RbChange change)
        {
            if (watch == null || change.Kind != watch.Kind || !watch.CanLeave(change.Operation)) return;
            lock (gate)
            {
                var before = pendingGone;
                foreach (var id in change.Ids)
                {
                    if (seen.Contains(id) && gone.Add(id)) pendingGone++;
                }
                if (pendingGone == before) return;
            }
            // items given out are leaving the list: every page read ahead is in the old numbering and would be read
            // again
            ahead.Invalidate(oneAtATime: true);
        }

        /// <summary>The next page's new items (possibly none); check <see cref="IsDone"/> afterwards.</summary>
        public async Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<T>();
            try
            {
                // Ctrl+C while waiting for a page cancels every page in flight, not only the awaited one
                using (cancellationToken.Register(ahead.Cancel))
                {
                    return await ReadAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                // a failure or Ctrl+C ends the listing: nothing more is read ahead
                Finish();
                throw;
            }
        }

        private async Task<IReadOnlyList<T>> ReadAsync(CancellationToken cancellationToken)
        {
            // after moving back, a page of items already given out is expected, not a sign of a service repeating
            // itself
            var movedBack = false;
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
                var page = await TakeAsync(pageNum, expectedTotal, cancellationToken).ConfigureAwait(false);
                PagesFetched++;
                if (Total == null) Total = page.Total;
                largestTotal = Math.Max(largestTotal, page.Total ?? 0);
                if (PagesFetched > 3 * (largestTotal / PageSize + 1) + 10)
                    throw new RbProtocolException(
                        $"The service kept announcing more {what} after {PagesFetched} pages; stopped after {seen.Count} to avoid reading forever.", what);

                var unexplained = expectedTotal.HasValue && page.Total.HasValue
                    ? expectedTotal.Value - page.Total.Value : 0;
                lastTotal = page.Total ?? lastTotal;
                lastPageCount = page.PageCount ?? lastPageCount;
                movedBack |= predicted > 0 || unexplained > 0;
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
                        Skipped = page.Total.HasValue ? Math.Min(position, page.Total.Value) : start + firstCandidate;
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
                var unchanged = !movedBack && (!expectedTotal.HasValue || page.Total == expectedTotal);
                if (candidates > 0 && fresh.Count == 0 && unchanged)
                {
                    throw new RbProtocolException(
                        $"The service sent page {pageNum} of the {what} with only {what} it had already sent; stopped after {seen.Count} to avoid reading forever.", what);
                }

                position = start + page.Items.Count;
                var emit = remaining.HasValue ? fresh.Take((int)Math.Min(remaining.Value, int.MaxValue)).ToList()
                    : fresh;
                if (remaining.HasValue) remaining -= emit.Count;

                var reachedEnd =
                    (page.PageCount.HasValue && pageNum >= page.PageCount.Value) ||
                    (page.Total.HasValue && position >= page.Total.Value) ||
                    (!page.PageCount.HasValue && !page.Total.HasValue && page.Items.Count < PageSize);
                if (reachedEnd || remaining == 0) Finish();
                else ReadAhead((int)(position / PageSize) + 1, 0);
                return emit;
            }
        }

        /// <summary>
        /// The page <paramref name="pageNum"/>: the one read ahead if it is still good, else a new request. Keeps the
        /// pages after it in flight while it waits.
        /// </summary>
        private async Task<RbPage<T>> TakeAsync(int pageNum, long? expectedTotal, CancellationToken cancellationToken)
        {
            var read = ahead.Take(pageNum);
            ReadAhead(pageNum + 1, 1);
            if (read != null)
            {
                var page = await read.ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                // a page read ahead is as good as one read now only if the list had the size the cursor expects when it
                // was served; otherwise it comes from another moment of a list that is changing: read it, and those
                // after it, again
                if (!expectedTotal.HasValue || page.Total == expectedTotal) return page;
                RbTrace.Write(
                    $"The {what} changed while page {pageNum} was read ahead ({page.Total} instead of {expectedTotal}); reading it again.");
                ahead.Invalidate(oneAtATime: false);
                // a list that keeps changing would waste every page read ahead: after the second time, read as a
                // sequential reader
                if (++staleReads >= 2) ahead.OneAtATime("its total moved twice while pages were read ahead");
            }
            return await ahead.FetchAsync(pageNum, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Reads ahead from <paramref name="from"/> the pages the service said exist and -First
        /// needs.</summary>
        private void ReadAhead(int from, int busy)
        {
            if (IsDone) return;
            int last;
            if (lastPageCount.HasValue) last = lastPageCount.Value;
            else if (lastTotal.HasValue) last = (int)Math.Min(
                int.MaxValue, (lastTotal.Value + PageSize - 1) / PageSize);
            else return;
            if (remaining.HasValue) last = (int)Math.Min(last, (position + remaining.Value - 1) / PageSize + 1);
            ahead.Fill(from, last, busy);
        }

        private void Finish()
        {
            IsDone = true;
            ahead.Dispose();
            watch?.Feed.Unsubscribe(this);
        }

        /// <summary>Reads every remaining page into one list (for callers that do not stream).</summary>
        public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<T>();
            while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            return all;
        }

        /// <summary>Stops listening for changes and cancels every request in flight; the pager reads no more.</summary>
        public void Dispose()
        {
            Finish();
            Listing.Close();
        }
    }
}
