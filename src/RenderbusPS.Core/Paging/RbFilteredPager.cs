using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// A pager whose items are filtered on the client, for lists the service cannot filter (the frames of a task by
    /// status). It still streams: each page's matching items come out as that page arrives, and it reads every page of
    /// the list (the end is the service's <c>pageCount</c>/<c>total</c>, never a page with no match). Its own
    /// <c>skip</c> and <c>first</c> count the items kept, so -Skip/-First mean what the user
    /// asked for; it stops asking for pages once <c>first</c> were given out.
    /// </summary>
    internal sealed class RbFilteredPager<T> : IRbPages<T>
    {
        private readonly RbPager<T> inner;
        private readonly Func<T, bool> keep;
        private long skipLeft;
        private long? firstLeft;

        public RbFilteredPager(RbPager<T> inner, Func<T, bool> keep, long skip = 0, long? first = null)
        {
            this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
            this.keep = keep ?? throw new ArgumentNullException(nameof(keep));
            if (skip < 0) throw new ArgumentOutOfRangeException(nameof(skip));
            if (first < 0) throw new ArgumentOutOfRangeException(nameof(first));
            skipLeft = skip;
            firstLeft = first;
        }

        public bool IsDone => inner.IsDone || firstLeft == 0;

        public bool TotalIsExact => false;

        /// <summary>Items in the whole list before filtering (the service's total).</summary>
        public long? Total => inner.Total;

        public int PagesFetched => inner.PagesFetched;

        /// <summary>Items the inner pager passed over for its -Skip (before filtering).</summary>
        public long Skipped => inner.Skipped;

        /// <summary>The matching items of the next page (may be empty while pages remain).</summary>
        public async Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<T>();
            var kept = new List<T>();
            foreach (var item in await inner.NextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!keep(item)) continue;
                if (skipLeft > 0)
                {
                    skipLeft--;
                    continue;
                }
                if (firstLeft == 0) break;
                kept.Add(item);
                if (firstLeft.HasValue) firstLeft--;
            }
            return kept;
        }

        public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<T>();
            while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            return all;
        }

        public void Dispose() => inner.Dispose();
    }
}
