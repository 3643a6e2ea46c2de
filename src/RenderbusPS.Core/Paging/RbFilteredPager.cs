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
    /// the list (the end is the service's <c>pageCount</c>/<c>total</c>, never a page with no match).
    /// </summary>
    internal sealed class RbFilteredPager<T> : IDisposable
    {
        private readonly RbPager<T> inner;
        private readonly Func<T, bool> keep;

        public RbFilteredPager(RbPager<T> inner, Func<T, bool> keep)
        {
            this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
            this.keep = keep ?? throw new ArgumentNullException(nameof(keep));
        }

        public bool IsDone => inner.IsDone;

        /// <summary>Items in the whole list before filtering (the service's total).</summary>
        public long? Total => inner.Total;

        public int PagesFetched => inner.PagesFetched;

        /// <summary>Items the inner pager passed over for its -Skip (before filtering).</summary>
        public long Skipped => inner.Skipped;

        /// <summary>The matching items of the next page (may be empty while pages remain).</summary>
        public async Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken)
            => (await inner.NextAsync(cancellationToken).ConfigureAwait(false)).Where(keep).ToList();

        public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<T>();
            while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            return all;
        }

        public void Dispose() => inner.Dispose();
    }
}
