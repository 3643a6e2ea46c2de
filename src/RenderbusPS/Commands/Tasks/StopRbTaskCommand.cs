using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Stops waiting and rendering tasks; with -Abandon gives them up for good.</summary>
    [RbSends(nameof(RbCatalog.StopTask), nameof(RbCatalog.AbandonTask), nameof(RbCatalog.QueryTaskInfo))]
    [RbSendsApi2("operate_task", "query_task")]
    [Cmdlet(VerbsLifecycle.Stop, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class StopRbTaskCommand : RbTaskActionCmdlet
    {
        /// <summary>The piped task itself, bound next to -Id (see <see cref="RbTaskActionCmdlet.PipedTask"/>). Hidden;
        /// give -Id.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public RbTask? InputObject { get => PipedTask; set => PipedTask = value; }

        /// <summary>Abandon the tasks: their frames stop and they can never be resumed.</summary>
        [Parameter]
        public SwitchParameter Abandon { get; set; }

        internal override RbOperation Operation => Abandon ? RbCatalog.AbandonTask : RbCatalog.StopTask;
        internal override bool HighImpact => Abandon;
        internal override IReadOnlyCollection<RbTaskStatus>? AppliesTo => Abandon ? null : RbTaskStates.Stoppable;
        internal override string Done => "stopped";

        internal override string Action => Abandon
            ? "Abandon (waiting and rendering frames stop; the task can never be resumed or resubmitted)"
            : "Stop rendering (running frames stop; Start-RbTask resumes the task)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct)
            => Abandon ? session.TaskActions.AbandonAsync(ids, ct) : session.TaskActions.StopAsync(ids, ct);
    }
}
