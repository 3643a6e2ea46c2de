using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>Render logs over REST (showLog): the frame id finds the log, the task is not needed.</summary>
    internal sealed class RestFrameLogs : IRbFrameLogs
    {
        private readonly FramesApi frames;

        public RestFrameLogs(FramesApi frames) => this.frames = frames;

        public IRbLogPages ReadLog(long frameId, long? taskId) => frames.ReadLog(frameId);

        public Task<IReadOnlyList<RbFrameLogLine>> ReadLogTailAsync(long frameId, long? taskId, int tail,
            CancellationToken cancellationToken) => frames.ReadLogTailAsync(frameId, tail, cancellationToken);
    }
}
