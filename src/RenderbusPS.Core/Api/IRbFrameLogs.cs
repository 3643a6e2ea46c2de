using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Reads render logs in the session's protocol (<see cref="RbSession.FrameLogs"/>): REST finds a log by the frame
    /// id alone; API 2.0 reads it from the task's jobs, so it needs the frame's task too.
    /// </summary>
    internal interface IRbFrameLogs
    {
        IRbLogPages ReadLog(long frameId, long? taskId);

        Task<IReadOnlyList<RbFrameLogLine>> ReadLogTailAsync(long frameId, long? taskId, int tail,
            CancellationToken cancellationToken);
    }
}
