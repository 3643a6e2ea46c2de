using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Render logs over API 2.0: query_task with <c>is_jobs_included</c> and <c>is_logs_included</c>, the job's
    /// <c>render_log</c> (else <c>log</c>) cut into lines numbered from 1.
    /// </summary>
    internal sealed class Api2FrameLogs : IRbFrameLogs
    {
        private readonly Api2FramesApi frames;

        public Api2FrameLogs(RbClient client) => frames = new Api2FramesApi(client);

        [RbSendsApi2("query_task")]
        public IRbLogPages ReadLog(long frameId, long? taskId)
        {
            var task = Check(frameId, taskId);
            return new OnePage(ct => ReadAsync(frameId, task, ct));
        }

        [RbSendsApi2("query_task")]
        public async Task<IReadOnlyList<RbFrameLogLine>> ReadLogTailAsync(long frameId, long? taskId, int tail,
            CancellationToken cancellationToken)
        {
            if (tail < 1) throw RbInputRules.LogTail.Error($"-Tail {tail} is less than 1.", tail);
            var lines = await ReadAsync(frameId, Check(frameId, taskId), cancellationToken).ConfigureAwait(false);
            return lines.Skip(Math.Max(0, lines.Count - tail)).ToList();
        }

        /// <summary>The error for a frame whose task is not known: API 2.0 finds logs only through the task.</summary>
        private static long Check(long frameId, long? taskId)
        {
            RbInputRules.CheckIds(new[] { frameId });
            if (!taskId.HasValue) throw new RbValidationException("Rb.TaskIdRequired",
                $"API 2.0 reads the log of frame {frameId} through its task, and no task was given; nothing was sent.",
                "TaskId", "Pipe the frame from Get-RbFrame, or give its task with -TaskId.", frameId);
            RbInputRules.CheckIds(new[] { taskId.Value });
            return taskId.Value;
        }

        private async Task<IReadOnlyList<RbFrameLogLine>> ReadAsync(long frameId, long taskId, CancellationToken ct)
        {
            var jobs = await frames.ReadAsync(taskId, true, ct).ConfigureAwait(false);
            var frame = jobs.FirstOrDefault(f => f.FrameId == frameId)
                ?? throw FramesApi.FrameNotFound(taskId, frameId);
            var text = Text(frame, "render_log") ?? Text(frame, "log") ?? "";
            var lines = text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None).ToList();
            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines.Select((line, i) => new RbFrameLogLine(frameId, i + 1, line)).ToList();
        }

        private static string? Text(RbFrame frame, string field)
            => frame.Extra.TryGetValue(field, out var value) && value is string s && s.Length > 0 ? s : null;

        /// <summary>The whole log in one read.</summary>
        private sealed class OnePage : IRbLogPages
        {
            private readonly Func<CancellationToken, Task<IReadOnlyList<RbFrameLogLine>>> read;

            public OnePage(Func<CancellationToken, Task<IReadOnlyList<RbFrameLogLine>>> read) => this.read = read;

            public bool IsDone { get; private set; }

            public async Task<IReadOnlyList<RbFrameLogLine>> NextAsync(CancellationToken cancellationToken)
            {
                if (IsDone) return Array.Empty<RbFrameLogLine>();
                var lines = await read(cancellationToken).ConfigureAwait(false);
                IsDone = true;
                return lines;
            }

            public void Dispose() => IsDone = true;
        }
    }
}
