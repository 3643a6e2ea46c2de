using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>One look at the tasks being waited for.</summary>
    internal sealed class RbWaitPoll
    {
        internal RbWaitPoll(
            IReadOnlyList<RbTask> tasks, IReadOnlyList<RbItemResult> missing, bool done, TimeSpan elapsed)
        {
            Tasks = tasks;
            Missing = missing;
            IsDone = done;
            Elapsed = elapsed;
        }

        /// <summary>Every task still being waited for, as it is now (ended ones included).</summary>
        public IReadOnlyList<RbTask> Tasks { get; }
        /// <summary>Ids that dropped out on this poll: not in the account. Each is reported once.</summary>
        public IReadOnlyList<RbItemResult> Missing { get; }
        /// <summary>The wait is over: every task ended (or, waiting for any, one did).</summary>
        public bool IsDone { get; }
        public TimeSpan Elapsed { get; }
        public IEnumerable<RbTask> Ended => Tasks.Where(t => RbTaskWaiter.HasEnded(t.Status));
        public IEnumerable<RbTask> Unfinished => Tasks.Where(t => !RbTaskWaiter.HasEnded(t.Status));
        public int TotalFrames => Tasks.Sum(t => t.TotalFrames);
        public int DoneFrames => Tasks.Sum(t => t.DoneFrames);

        /// <summary>One line on the whole set, for a progress bar.</summary>
        public string Summary =>
            $"{Ended.Count()} of {Tasks.Count} tasks ended; {DoneFrames} of {TotalFrames} frames done; {Elapsed:hh\\:mm\\:ss} elapsed";

        /// <summary>One line on a task, for its progress bar.</summary>
        public static string Describe(RbTask task) =>
            $"{task.Status}: {task.DoneFrames} of {task.TotalFrames} frames done, {task.FailedFrames} failed";
    }

    /// <summary>
    /// Waits for tasks to end (finished, failed, stopped or abandoned) by polling queryTaskInfo, 100 ids a call and
    /// several calls at once (the throttle limit of the <see cref="TasksApi"/> it was given). Each
    /// <see cref="PollAsync"/> reads every task still waited for once; <see cref="DelayAsync"/> sleeps until the next
    /// poll is due, never past the time-out. Cancellation ends either at once.
    /// </summary>
    internal sealed class RbTaskWaiter
    {
        private static readonly HashSet<RbTaskStatus> Ended = new HashSet<RbTaskStatus>
        {
            RbTaskStatus.Stopped, RbTaskStatus.UserStopped, RbTaskStatus.ArrearsStopped, RbTaskStatus.TimeoutStopped,
            RbTaskStatus.Finished, RbTaskStatus.FinishedWithFailedFrames, RbTaskStatus.Abandoned,
                RbTaskStatus.TestFinished,
            RbTaskStatus.Failed, RbTaskStatus.SubmitFailed, RbTaskStatus.FinishedWithStoppedFrames,
        };

        private readonly IRbTaskReader api;
        private readonly List<long> ids;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private TimeSpan lastPoll = TimeSpan.MinValue;

        /// <summary>
        /// Checks a wait's values before it starts; a cost limit also needs the session's protocol to have a stop to
        /// guard with (API 2.0 has no cost to guard by), so <paramref name="protocol"/> is read only then.
        /// </summary>
        public static void Check(TimeSpan? timeout, TimeSpan pollInterval, decimal? costLimit,
            Func<RbApiProtocol> protocol)
        {
            RbInputRules.CheckWait(timeout, pollInterval);
            if (!costLimit.HasValue) return;
            RbInputRules.CheckCostLimit(costLimit.Value);
            if (protocol() == RbApiProtocol.Api2) throw RbApi2Catalog.NotInProtocol(RbCatalog.StopTask,
                RbApiProtocol.Api2);
        }

        public RbTaskWaiter(IRbTaskReader api, IEnumerable<long> ids, TimeSpan? timeout, TimeSpan pollInterval,
            bool any)
        {
            this.api = api ?? throw new ArgumentNullException(nameof(api));
            this.ids = (ids ?? throw new ArgumentNullException(nameof(ids))).Distinct().ToList();
            RbInputRules.CheckIds(this.ids);
            RbInputRules.CheckWait(timeout, pollInterval);
            Timeout = timeout;
            PollInterval = pollInterval;
            Any = any;
        }

        public TimeSpan? Timeout { get; }
        public TimeSpan PollInterval { get; }
        public bool Any { get; }
        /// <summary>Calls a poll has in flight at most.</summary>
        public int ThrottleLimit => api.ThrottleLimit;
        public TimeSpan Elapsed => clock.Elapsed;
        public bool IsTimedOut => Timeout.HasValue && clock.Elapsed >= Timeout.Value;

        /// <summary>A task in this status will not change again unless someone acts on it.</summary>
        public static bool HasEnded(RbTaskStatus status) => Ended.Contains(status);

        /// <summary>
        /// Reads every task still waited for once: 100 ids a call, up to the task API's throttle limit of calls at
        /// once, the tasks in the order they were given. Ids the account does not have drop out, reported once.
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryTaskInfo))]
        public async Task<RbWaitPoll> PollAsync(CancellationToken cancellationToken)
        {
            lastPoll = clock.Elapsed;
            var results = await api.GetEachAsync(ids, cancellationToken).ConfigureAwait(false);
            var failed = results.FirstOrDefault(r => r.Item == null && !(r.Error is RbValidationException));
            if (failed != null) throw failed.Error!;
            var missing = results.Where(r => r.Item == null).Cast<RbItemResult>().ToList();
            foreach (var gone in missing) ids.Remove(gone.Id);
            var tasks = results.Where(r => r.Item != null).Select(r => r.Item!).ToList();
            var ended = tasks.Count(t => HasEnded(t.Status));
            var done = Any ? ended > 0 || tasks.Count == 0 : ended == tasks.Count;
            return new RbWaitPoll(tasks, missing, done, clock.Elapsed);
        }

        /// <summary>Sleeps until the next poll is due, or the time-out, whichever comes first.</summary>
        public Task DelayAsync(CancellationToken cancellationToken)
        {
            var due = lastPoll + PollInterval - clock.Elapsed;
            if (Timeout.HasValue) due = TimeSpan.FromTicks(Math.Min(due.Ticks, (Timeout.Value - clock.Elapsed).Ticks));
            return due > TimeSpan.Zero ? Task.Delay(due, cancellationToken) : Task.CompletedTask;
        }

        /// <summary>The error for a task that had not ended when the time-out came.</summary>
        public RbValidationException TimeoutError(RbTask task)
            => new RbValidationException("Rb.WaitTimeout",
                $"Task {task.Alias ?? task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} had not ended after {Timeout}: it is {task.Status} with {task.DoneFrames} of {task.TotalFrames} frames done.",
                "Timeout", "Wait again with a longer -Timeout, or look at the task with Get-RbTask and Get-RbFrame.", task.Id);
    }
}
