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
    /// <summary>Starts (resumes) stopped tasks.</summary>
    [RbSends(nameof(RbCatalog.StartTask), nameof(RbCatalog.QueryTaskInfo))]
    [Cmdlet(VerbsLifecycle.Start, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class StartRbTaskCommand : RbTaskActionCmdlet
    {
        /// <summary>The piped task itself, bound next to -Id (see <see cref="RbTaskActionCmdlet.PipedTask"/>). Hidden;
        /// give -Id.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public RbTask? InputObject { get => PipedTask; set => PipedTask = value; }

        internal override RbOperation Operation => RbCatalog.StartTask;
        internal override IReadOnlyCollection<RbTaskStatus>? AppliesTo => RbTaskStates.Startable;
        internal override string Done => "started";

        internal override string Action =>
            "Start rendering again (stopped frames are queued and billed as they render)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct) => session.TaskActions.StartAsync(ids, ct);
    }
}
