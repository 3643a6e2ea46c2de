using System;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// -Skip and -First over a whole stream of items that does not come from one pager (ids looked up in batches, the
    /// frames of several tasks): the first <c>skip</c> items are dropped, then at most <c>first</c> are let through.
    /// </summary>
    internal sealed class RbPagingWindow
    {
        private long skip;
        private long? first;

        public RbPagingWindow(long skip, long? first)
        {
            if (skip < 0) throw new ArgumentOutOfRangeException(nameof(skip));
            if (first < 0) throw new ArgumentOutOfRangeException(nameof(first));
            this.skip = skip;
            this.first = first;
        }

        /// <summary>Items still to pass over.</summary>
        public long SkipLeft => skip;

        /// <summary>Items still to let through, or null for all.</summary>
        public long? FirstLeft => first;

        /// <summary>Counts items a pager passed over on its own (it was given <see cref="SkipLeft"/>).</summary>
        public void Skipped(long count) => skip = Math.Max(0, skip - Math.Max(0, count));

        /// <summary>True once -First items went through: read no more.</summary>
        public bool IsFull => first == 0;

        /// <summary>True when the next item goes through; counts it either way.</summary>
        public bool Admit()
        {
            if (IsFull) return false;
            if (skip > 0)
            {
                skip--;
                return false;
            }
            if (first.HasValue) first--;
            return true;
        }
    }
}
