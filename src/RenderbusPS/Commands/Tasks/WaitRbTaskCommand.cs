using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// Waits until every piped task has ended (finished, failed, stopped or abandoned), or with -Any the first one, polling
    /// 100 ids a call with up to the throttle limit of calls in flight; one progress bar per task under a parent bar; one
    /// timeout error per task still going at -Timeout.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "RbTask")]
    [OutputType(typeof(RbTask))]
    [RbSends(nameof(RbCatalog.QueryTaskInfo))]
    public sealed class WaitRbTaskCommand : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        private const int ParentActivity = 1;
        private const string Activity = "Waiting for Renderbus tasks";
        private readonly RbIdBatch ids = new RbIdBatch(int.MaxValue);
        private readonly Dictionary<long, int> activityOf = new Dictionary<long, int>();

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

        protected override void BeginProcessing()
        {
            try
            {
                RbInputRules.CheckWait(Timeout, PollInterval);
            }
            catch (RbValidationException bad)
            {
                ThrowRbError(bad, bad.Target);
            }
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
            var waiter = new RbTaskWaiter(ActiveSession.Tasks, wanted, Timeout, PollInterval, Any);
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
                ShowProgress(poll);
                if (poll.IsDone || waiter.IsTimedOut) break;
                Run(async ct => { await waiter.DelayAsync(ct).ConfigureAwait(false); return true; });
            }
            CompleteProgress();
            if (!poll.IsDone)
            {
                foreach (var task in poll.Unfinished) WriteRbError(waiter.TimeoutError(task), task.Id);
            }
            if (PassThru) WriteObject(poll.Ended, enumerateCollection: true);
        }

        private void ShowProgress(RbWaitPoll poll)
        {
            WriteProgress(new ProgressRecord(ParentActivity, Activity, poll.Summary)
            {
                PercentComplete = poll.TotalFrames > 0 ? Math.Min(100, 100 * poll.DoneFrames / poll.TotalFrames) : 0,
            });
            foreach (var task in poll.Tasks)
            {
                if (!activityOf.TryGetValue(task.Id, out var activity)) activityOf[task.Id] = activity = activityOf.Count + ParentActivity + 1;
                WriteProgress(new ProgressRecord(activity, $"{task.Alias ?? task.Id.ToString(CultureInfo.InvariantCulture)} {task.SceneName}", RbWaitPoll.Describe(task))
                {
                    ParentActivityId = ParentActivity,
                    PercentComplete = (int)Math.Min(100, task.Progress),
                    RecordType = RbTaskWaiter.HasEnded(task.Status) ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                });
            }
        }

        private void CompleteProgress()
        {
            foreach (var activity in activityOf.Values)
                WriteProgress(new ProgressRecord(activity, "Renderbus task", "done") { ParentActivityId = ParentActivity, RecordType = ProgressRecordType.Completed });
            WriteProgress(new ProgressRecord(ParentActivity, Activity, "done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
