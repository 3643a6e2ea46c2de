using System;
using System.Collections.Generic;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// Collects ids as a pipeline fills and hands them out in chunks no larger than the catalog allows. It remembers
    /// every id it was offered, so an id that comes down the pipeline twice is asked about and sent once.
    /// </summary>
    internal sealed class RbIdBatch
    {
        private readonly List<long> ids = new List<long>();
        private readonly HashSet<long> offered = new HashSet<long>();

        public RbIdBatch(int limit)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
            Limit = limit;
        }

        public int Limit { get; }
        public int Count => ids.Count;
        public bool IsFull => ids.Count >= Limit;

        /// <summary>True the first time an id is offered, false for every repeat (ask ShouldProcess only when
        /// true).</summary>
        public bool IsNew(long id) => offered.Add(id);

        /// <summary>Queues an id; an id already queued is not queued twice. Returns false for a duplicate.</summary>
        public bool Add(long id)
        {
            if (ids.Contains(id)) return false;
            offered.Add(id);
            ids.Add(id);
            return true;
        }

        /// <summary>Takes the queued ids (at most <see cref="Limit"/>).</summary>
        public long[] Take()
        {
            var n = Math.Min(ids.Count, Limit);
            var chunk = ids.GetRange(0, n).ToArray();
            ids.RemoveRange(0, n);
            return chunk;
        }

        /// <summary>Splits ids, first occurrence kept, into chunks of at most <paramref name="size"/>.</summary>
        public static IEnumerable<long[]> Chunks(IEnumerable<long> ids, int size)
        {
            var batch = new RbIdBatch(size);
            foreach (var id in ids)
            {
                if (!batch.IsNew(id)) continue;
                batch.Add(id);
                if (batch.IsFull) yield return batch.Take();
            }
            while (batch.Count > 0) yield return batch.Take();
        }
    }
}
