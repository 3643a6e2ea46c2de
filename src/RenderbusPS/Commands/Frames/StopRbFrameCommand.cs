using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>
    /// Stops waiting and rendering frames. ConfirmImpact Medium, as Stop-RbTask: it spends nothing more, but a
    /// rendering frame loses its work (the time it rendered is billed) and only Restart-RbFrame, which renders and
    /// bills it again, undoes it.
    /// </summary>
    [RbSends(nameof(RbCatalog.StopTaskFrames), nameof(RbCatalog.QueryTaskFrames))]
    [Cmdlet(VerbsLifecycle.Stop, "RbFrame", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = FrameSet)]
    [OutputType(typeof(RbFrame))]
    public sealed class StopRbFrameCommand : RbFrameActionCmdlet
    {
        internal override string Action =>
            "Stop: a waiting frame will not render; a rendering frame stops now, its render so far is billed and lost";

        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(
            FramesApi api, long taskId, long[] frameIds, CancellationToken ct)
            => api.StopAsync(taskId, frameIds, ct);

        internal override Task<IReadOnlyList<long>> SendAllAsync(
            FramesApi api, long taskId, RbFrameStatus[]? status, bool listAffected, CancellationToken ct)
            => api.StopAllAsync(taskId, status, listAffected, ct);
    }
}
