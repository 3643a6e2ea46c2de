using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// The spend guard of a wait (Wait-RbTask -CostLimit): after each poll it names the tasks whose Cost has passed
    /// the limit while they still render, and stops those the caller agrees to, 100 ids a call.
    /// <para>
    /// A task is offered once: declined, stopped, or refused for a reason of its own (it cannot be stopped, it is
    /// gone), it is not offered again. Only a stop that failed on the way (the service or the network, after the
    /// client's retries) is offered again on a later poll, and then only if that poll reads the task still going: a
    /// stop that acted but lost its answer leaves the task stopped, so no task is ever stopped twice.
    /// </para>
    /// </summary>
    internal sealed class RbSpendGuard
    {
        private readonly TasksApi api;
        private readonly HashSet<long> offered = new HashSet<long>();
        private readonly HashSet<long> stopped = new HashSet<long>();

        public RbSpendGuard(TasksApi api, decimal limit)
        {
            this.api = api ?? throw new ArgumentNullException(nameof(api));
            RbInputRules.CheckCostLimit(limit);
            Limit = limit;
        }

        /// <summary>The most a task may cost; a task whose Cost is above it is stopped.</summary>
        public decimal Limit { get; }

        /// <summary>What a stop does, for ShouldProcess.</summary>
        public string Action => "Stop (Wait-RbTask -CostLimit)";

        /// <summary>Tasks of the poll that cost more than the limit and have not ended, each offered once.</summary>
        public IReadOnlyList<RbTask> Over(RbWaitPoll poll)
        {
            if (poll == null) throw new ArgumentNullException(nameof(poll));
            return poll.Tasks.Where(t => t.Cost > Limit && !RbTaskWaiter.HasEnded(t.Status) && offered.Add(t.Id))
                .ToList();
        }

        /// <summary>
        /// Stops the tasks, at most 100 ids a call: one result per task. A task whose stop failed on the way is offered
        /// again by a later <see cref="Over"/>, if that poll still reads it going.
        /// </summary>
        [RbSends(nameof(RbCatalog.StopTask))]
        public async Task<IReadOnlyList<RbItemResult>> StopAsync(IReadOnlyCollection<RbTask> tasks,
            CancellationToken cancellationToken)
        {
            if (tasks == null || tasks.Count == 0) return Array.Empty<RbItemResult>();
            var results = await api.StopAsync(tasks.Select(t => t.Id), cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                if (result.Succeeded) stopped.Add(result.Id);
                else if (!(result.Error is RbValidationException)) offered.Remove(result.Id);
            }
            return results;
        }

        /// <summary>True when the guard stopped the task (a poll read before the stop still shows it going).</summary>
        public bool HasStopped(long taskId) => stopped.Contains(taskId);

        /// <summary>What ShouldProcess names: the task and what it cost.</summary>
        public string Target(RbTask task)
            => $"task {Name(task)}, which has cost {Money(task.Cost)}, over the limit of {Money(Limit)}";

        /// <summary>The report of a task the guard stopped.</summary>
        public string Stopped(RbTask task)
            => $"Stopped task {Name(task)}: it had cost {Money(task.Cost)}, over the limit of {Money(Limit)}.";

        private static string Name(RbTask task)
            => (task.Alias ?? task.Id.ToString(CultureInfo.InvariantCulture))
               + (task.SceneName == null ? "" : $" ({task.SceneName})");

        private static string Money(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);
    }
}
