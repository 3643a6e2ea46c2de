using System.Linq;
using System.Collections.Generic;
using System;

namespace RenderbusPS.Core.Paging
{
    /// <summary>What happened to one id of a bulk call: done, or failed with its own error.</summary>
    internal class RbItemResult
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

        /// <summary>Items read back, each as its id's result, in the order read.</summary>
        public static IReadOnlyList<RbItemResult<T>> Found<T>(IEnumerable<T> items, Func<T, long> idOf)
            where T : class => items.Select(item => new RbItemResult<T>(idOf(item), item, null)).ToList();
    }

    /// <summary>One id of a lookup: the item found, or the error that says why there is none.</summary>
    internal sealed class RbItemResult<T> : RbItemResult where T : class
    {
        public RbItemResult(long id, T? item, Exception? error) : base(id, error) => Item = item;

        public T? Item { get; }
    }
}
