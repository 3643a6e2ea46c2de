using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// Runs one call per item with at most a given number in flight, and gives the results in the items' order (never
    /// in the order the calls finished). Used for the calls that do not page: bulk changes (100 ids a call), the polls
    /// of a wait, the folders of an output walk. Pagers have their own read-ahead (<see cref="RbPager{T}"/>).
    /// </summary>
    internal static class RbParallel
    {
        /// <summary>
        /// Calls <paramref name="work"/> for every item, at most <paramref name="limit"/> at once, in item order as
        /// slots free up. When a call throws, no further call starts, the calls in flight are cancelled, and the
        /// exception of the earliest failed item is thrown once they have all ended; cancellation of
        /// <paramref name="cancellationToken"/> cancels every call in flight. A limit of 1 runs the calls one after
        /// another.
        /// </summary>
        public static async Task<IReadOnlyList<TResult>> MapAsync<TItem, TResult>(IReadOnlyList<TItem> items, int limit,
            Func<TItem, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            if (work == null) throw new ArgumentNullException(nameof(work));
            RbInputRules.CheckThrottleLimit(limit);
            var results = new TResult[items.Count];
            if (items.Count == 0) return results;
            if (limit == 1 || items.Count == 1)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results[i] = await work(items[i], cancellationToken).ConfigureAwait(false);
                }
                return results;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var running = new List<Task>(limit);
            var errors = new SortedDictionary<int, Exception>();
            var next = 0;
            while (next < items.Count || running.Count > 0)
            {
                while (next < items.Count && running.Count < limit && !stop.IsCancellationRequested)
                {
                    var index = next++;
                    running.Add(RunOne(index));
                }
                if (running.Count == 0) break;
                var done = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(done);
            }
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var error in errors.Values)
            {
                if (!(error is OperationCanceledException)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
            }
            foreach (var error in errors.Values) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error)
                .Throw();
            return results;

            async Task RunOne(int index)
            {
                try
                {
                    results[index] = await work(items[index], stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    lock (errors) errors[index] = ex;
                    stop.Cancel();
                }
            }
        }
    }
}
