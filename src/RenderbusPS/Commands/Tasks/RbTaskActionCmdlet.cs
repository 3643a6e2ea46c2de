using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// A bulk task action: ShouldProcess once per task, approved ids sent in chunks with up to the throttle limit in
    /// flight, results written in order (CONTRIBUTING.md, "Bulk actions"). A piped frame acts on its task.
    /// </summary>
    public abstract class RbTaskActionCmdlet : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        private RbIdBatch? batch;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>
        /// The statuses this action applies to, checked on a piped task before sending (see <see cref="PipedTask"/>);
        /// null: every task is sent.
        /// </summary>
        internal virtual IReadOnlyCollection<RbTaskStatus>? AppliesTo => null;

        /// <summary>
        /// The piped task itself, for an action that applies only to some statuses (Stop-RbTask, Start-RbTask): such a
        /// cmdlet binds it next to -Id through a hidden -InputObject that sets this, so that a task read moments ago in
        /// a status the action does not apply to is reported at once and not sent.
        /// </summary>
        internal RbTask? PipedTask { get; set; }

        /// <summary>How the action's result reads in an error ("stopped").</summary>
        internal virtual string Done => "changed";

        /// <summary>Write the tasks as they are after the action.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal abstract RbOperation Operation { get; }
        internal abstract string Action { get; }
        internal abstract Task<IReadOnlyList<RbItemResult>> SendAsync(TasksApi api, long[] ids, CancellationToken ct);

        /// <summary>
        /// The action over API 2.0 (operate_task), or null when API 2.0 has none: on an API 2.0 session each id then
        /// gets Rb.NotInProtocol and nothing is sent.
        /// </summary>
        internal virtual Func<Api2TaskActions, long[], CancellationToken, Task<IReadOnlyList<RbItemResult>>>? Api2Send
            => null;

        /// <summary>True when this run's action cannot be undone, so it asks as a ConfirmImpact High cmdlet
        /// does.</summary>
        internal virtual bool HighImpact => false;

        private readonly RbHighImpactConfirm confirm = new RbHighImpactConfirm();

        protected override void ProcessRecord()
        {
            // the batch only queues ids (and remembers them, so a repeat is asked about once); Flush cuts the chunks
            batch ??= new RbIdBatch(int.MaxValue);
            var refused = TasksApi.RefusePiped(PipedTask, Id, AppliesTo, MyInvocation.MyCommand.Name, Done);
            PipedTask = null;
            foreach (var id in Id)
            {
                if (!batch.IsNew(id)) continue;
                if (refused != null)
                {
                    WriteRbError(refused, id);
                    continue;
                }
                if (!Guarded(id, () => RbInputRules.CheckIds(new[] { id }))
                    || !confirm.ShouldProcess(this, $"task {id}", Action, HighImpact)) continue;
                batch.Add(id);
                if (batch.Count >= Operation.MaxIds * Throttle) Flush();
            }
        }

        protected override void EndProcessing()
        {
            if (batch != null && batch.Count > 0) Flush();
        }

        private void Flush()
        {
            var ids = batch!.Take();
            if (ActiveSession.Protocol == RbApiProtocol.Api2)
            {
                FlushApi2(ids);
                return;
            }
            var api = ActiveSession.Tasks;
            IReadOnlyList<RbItemResult> results;
            try
            {
                results = Run(ct => SendAsync(api, ids, ct));
            }
            catch (Exception error) when (RbErrorKinds.IsCoreError(error))
            {
                // a failure before any task was sent (a lookup the action needs): every task of the batch gets it
                results = ids.Select(id => new RbItemResult(id, error)).ToArray();
            }
            // a task counts as done when every request about it succeeded (Set-RbTask sends several)
            var done = RbBulkSender.DoneIds(results);
            var after = PassThru && done.Length > 0 ? Run(ct => api.GetEachAsync(done, ct))
                : Array.Empty<RbItemResult<RbTask>>();
            foreach (var call in RbBulkSender.ByCall(ids, Operation.MaxIds, results, after, r => r.Id))
            {
                foreach (var failed in call.Failed)
                {
                    var record = RbErrorRecords.ToRecord(failed.Error!, failed.Id);
                    // Set-RbTask sends one request per setting: say which setting failed
                    if (failed is RbSettingResult setting)
                        record.ErrorDetails = new ErrorDetails(
                            $"-{setting.Setting}: {failed.Error!.Message}") { RecommendedAction = record.ErrorDetails?.RecommendedAction };
                    WriteError(record);
                }
                WriteVerbose($"{MyInvocation.MyCommand.Name}: {call.DoneCount} of {call.Ids.Length} tasks done.");
                foreach (var result in call.After)
                {
                    if (result.Item != null) WriteObject(result.Item);
                    else WriteRbError(result.Error!, result.Id);
                }
            }
        }

        /// <summary>The approved ids over API 2.0: one result per id, then (-PassThru) the tasks as they are
        /// now.</summary>
        private void FlushApi2(long[] ids)
        {
            var session = ActiveSession;
            var send = Api2Send;
            IReadOnlyList<RbItemResult> results;
            try
            {
                results = send == null
                    ? ids.Select(id => new RbItemResult(id, RbApi2Catalog.NotInProtocol(Operation, RbApiProtocol.Api2)))
                        .ToArray()
                    : Run(ct => send(session.Api2TaskActions, ids, ct));
            }
            catch (Exception error) when (RbErrorKinds.IsCoreError(error))
            {
                results = ids.Select(id => new RbItemResult(id, error)).ToArray();
            }
            foreach (var failed in results.Where(r => !r.Succeeded)) WriteRbError(failed.Error!, failed.Id);
            var done = RbBulkSender.DoneIds(results);
            WriteVerbose($"{MyInvocation.MyCommand.Name}: {done.Length} of {ids.Length} tasks done.");
            if (!PassThru || done.Length == 0) return;
            foreach (var result in Run(ct => session.Api2Tasks.GetEachAsync(done, ct)))
            {
                if (result.Item != null) WriteObject(result.Item);
                else WriteRbError(result.Error!, result.Id);
            }
        }
    }
}
