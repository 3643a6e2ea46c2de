using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// Waits until every piped task has ended (finished, failed, stopped or abandoned), or with -Any the first one,
    /// polling 100 ids a call with up to the throttle limit of calls in flight; one progress bar per task under a
    /// parent bar; one timeout error per task still going at -Timeout. With -CostLimit, a task whose cost passes the
    /// limit is stopped (through ShouldProcess) and reported with a warning.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    [RbSends(nameof(RbCatalog.QueryTaskInfo), nameof(RbCatalog.StopTask))]
    [RbSendsApi2("query_task")]
    public sealed class WaitRbTaskCommand : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        private readonly RbIdBatch ids = new RbIdBatch(int.MaxValue);
        private readonly RbWaitProgress progress = new RbWaitProgress();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>How long to wait before giving up; without it, as long as it takes.</summary>
        [Parameter]
        [RbSeconds]
        public TimeSpan? Timeout { get; set; }

        [Parameter]
        [RbSeconds]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Return as soon as one of the tasks has ended.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        /// <summary>Write the tasks that ended, as they ended.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The most one task may cost: while waiting, a task whose Cost passes it is stopped.</summary>
        [Parameter]
        public decimal? CostLimit { get; set; }

        protected override void BeginProcessing()
        {
            try { RbTaskWaiter.Check(Timeout, PollInterval, CostLimit, () => ActiveSession.Protocol); }
            catch (RbValidationException bad) { ThrowRbError(bad, bad.Target); }
        }

        protected override void ProcessRecord()
        {
            foreach (var id in Id)
            {
                if (ids.IsNew(id) && Guarded(id, () => RbInputRules.CheckIds(new[] { id }))) ids.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            var wanted = ids.Take();
            if (wanted.Length == 0) return;
            var waiter = new RbTaskWaiter(ActiveSession.TaskReader, wanted, Timeout, PollInterval, Any);
            var guard = CostLimit.HasValue ? new RbSpendGuard(ActiveSession.Tasks, CostLimit.Value) : null;
            RbWaitPoll poll;
            while (true)
            {
                try
                {
                    poll = Run(waiter.PollAsync);
                }
                catch (Exception error) when (RbErrorKinds.IsCoreError(error))
                {
                    // the client already retried; the wait cannot go on without reading the tasks
                    ThrowRbError(error, wanted);
                    throw;
                }
                foreach (var gone in poll.Missing) WriteRbError(gone.Error!, gone.Id);
                foreach (var record in progress.Show(poll)) WriteProgress(record);
                if (guard != null) Guard(guard, poll);
                if (poll.IsDone || waiter.IsTimedOut) break;
                Run(async ct => { await waiter.DelayAsync(ct).ConfigureAwait(false); return true; });
            }
            foreach (var record in progress.Complete()) WriteProgress(record);
            if (!poll.IsDone)
            {
                // a task the guard has just stopped has ended, though the poll read it before
                foreach (var task in poll.Unfinished.Where(t => guard?.HasStopped(t.Id) != true))
                    WriteRbError(waiter.TimeoutError(task), task.Id);
            }
            if (PassThru) WriteObject(poll.Ended, enumerateCollection: true);
        }

        /// <summary>Stops, each through ShouldProcess, the tasks the poll read over the cost limit; a warning for
        /// each.</summary>
        private void Guard(RbSpendGuard guard, RbWaitPoll poll)
        {
            var over = guard.Over(poll).Where(t => ShouldProcess(guard.Target(t), guard.Action)).ToList();
            if (over.Count == 0) return;
            foreach (var result in Run(ct => guard.StopAsync(over, ct)))
            {
                if (result.Succeeded) WriteWarning(guard.Stopped(over.First(t => t.Id == result.Id)));
                else WriteRbError(result.Error!, result.Id);
            }
        }
    }
}
