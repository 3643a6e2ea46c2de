using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
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

        /// <summary>The REST operation the action stands for (its ids per call bound how many are queued).</summary>
        internal abstract RbOperation Operation { get; }
        internal abstract string Action { get; }

        /// <summary>The action through the session's protocol (<see cref="RbSession.TaskActions"/>).</summary>
        internal abstract Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct);

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
            var session = ActiveSession;
            var actions = session.TaskActions;
            Act<RbTask>(ids, actions.Calls(ids), ct => SendAsync(session, ids, ct),
                PassThru ? (done, ct) => session.TaskReader.GetEachAsync(done, ct) : null, "tasks", null);
        }
    }
}
