using System;

namespace RenderbusPS.Core.Paging
{
    /// <summary>What happened to one id of a bulk call.</summary>
    public sealed class RbItemResult
    {
        public RbItemResult(long id, Exception? error)
        {
            Id = id;
            Error = error;
        }

        public long Id { get; }
        public Exception? Error { get; }
        public bool Succeeded => Error == null;

        public override string ToString() => Succeeded ? $"{Id}: done" : $"{Id}: {Error!.Message}";
    }

    /// <summary>Collects ids as a pipeline fills and hands them out in chunks no larger than the catalog allows.</summary>
    public sealed class RbIdBatch
    {
        private readonly System.Collections.Generic.List<long> ids = new System.Collections.Generic.List<long>();
        private readonly System.Collections.Generic.HashSet<long> queued = new System.Collections.Generic.HashSet<long>();

        public RbIdBatch(int limit)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
            Limit = limit;
        }

        public int Limit { get; }
        public int Count => ids.Count;
        public bool IsFull => ids.Count >= Limit;

        /// <summary>Queues an id; an id already queued is not sent twice. Returns false for a duplicate.</summary>
        public bool Add(long id)
        {
            if (!queued.Add(id)) return false;
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
    }
}
