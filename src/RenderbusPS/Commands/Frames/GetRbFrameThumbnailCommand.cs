using System.Collections.Generic;
using System;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>The thumbnails of finished frames; -OutFile saves them where the service gives a web address.</summary>
    [RbSends(nameof(RbCatalog.LoadingFrameThumbnail))]
    [Cmdlet(VerbsCommon.Get, "RbFrameThumbnail")]
    [OutputType(typeof(RbFrameThumbnail))]
    public sealed class GetRbFrameThumbnailCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [RbKey(RbKind.Frame)]
        public long[] FrameId { get; set; } = Array.Empty<long>();

        /// <summary>A folder (each image under its own name) or a file path (for one frame).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        private readonly HashSet<string> saved = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            var api = ActiveSession.Frames;
            var target = OutFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
            if (target != null && !Guarded(OutFile, () => FramesApi.CheckOutFile(target))) return;
            foreach (var id in FrameId)
            {
                Guarded(id, () =>
                {
                    foreach (var thumbnail in Run(ct => api.GetThumbnailsAsync(id, null, ct)))
                    {
                        if (target == null) WriteObject(thumbnail);
                        else Guarded(
                            id, () => WriteObject(Run(ct => api.SaveThumbnailAsync(thumbnail, target, ct, saved))));
                    }
                });
            }
        }
    }
}
