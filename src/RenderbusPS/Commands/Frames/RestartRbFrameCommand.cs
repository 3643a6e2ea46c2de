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
    /// Renders frames again: they go back to waiting and are billed again when they render. ConfirmImpact Medium
    /// because it spends money (and -All re-renders finished frames).
    /// </summary>
    [RbSends(nameof(RbCatalog.RecommitTaskFrames), nameof(RbCatalog.QueryTaskFrames))]
    [Cmdlet(VerbsLifecycle.Restart, "RbFrame", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = FrameSet)]
    [OutputType(typeof(RbFrame))]
    public sealed class RestartRbFrameCommand : RbFrameActionCmdlet
    {
        internal override string Action => "Restart: the frame renders again and is billed again";

        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(
            FramesApi api, long taskId, long[] frameIds, CancellationToken ct)
            => api.RestartAsync(taskId, frameIds, ct);

        internal override Task<IReadOnlyList<long>> SendAllAsync(
            FramesApi api, long taskId, RbFrameStatus[]? status, bool listAffected, CancellationToken ct)
            => api.RestartAllAsync(taskId, status, listAffected, ct);
    }
}
