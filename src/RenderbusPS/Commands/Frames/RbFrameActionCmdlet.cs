using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>
    /// A frame action (restart, stop) on piped frames or -FrameId, on -TaskId with -FrameIndex, -All or -Status; sent
    /// and written as bulk actions are (CONTRIBUTING.md, "Bulk actions").
    /// </summary>
    public abstract class RbFrameActionCmdlet : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        protected const string FrameSet = "Frame";
        protected const string IndexSet = "Index";
        protected const string AllSet = "All";
        protected const string StatusSet = "Status";
        private readonly Dictionary<long, RbIdBatch> batches = new Dictionary<long, RbIdBatch>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [RbKey(RbKind.Task)]
        public long[] TaskId { get; set; } = Array.Empty<long>();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = FrameSet)]
        [RbKey(RbKind.Frame)]
        public long[] FrameId { get; set; } = Array.Empty<long>();

        /// <summary>Frame numbers such as 6 or 7-9[1]; a block frame (2-4[1]) is chosen when any of its frames
        /// is.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IndexSet)]
        public RbFrameRange[] FrameIndex { get; set; } = Array.Empty<RbFrameRange>();

        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        // only in its own set: were it also optional with -All, a piped task with -Status alone would match both sets,
        // and PowerShell could not choose ("Parameter set cannot be resolved"); -All with a status filter is -Status
        [Parameter(Mandatory = true, ParameterSetName = StatusSet)]
        [ValidateNotNullOrEmpty]
        public RbFrameStatus[]? Status { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal abstract string Action { get; }
        internal abstract Task<IReadOnlyList<RbItemResult>> SendAsync(
            FramesApi api, long taskId, long[] frameIds, CancellationToken ct);
        internal abstract Task<IReadOnlyList<long>> SendAllAsync(
            FramesApi api, long taskId, RbFrameStatus[]? status, bool listAffected, CancellationToken ct);

        protected override void ProcessRecord()
        {
            var api = ActiveSession.Frames;
            foreach (var taskId in TaskId)
            {
                if (!Guarded(taskId, () => RbInputRules.CheckIds(new[] { taskId }))) continue;
                if (ParameterSetName == FrameSet)
                    foreach (var id in FrameId) Offer(taskId, id);
                else if (ParameterSetName == IndexSet) Guarded(taskId, () =>
                {
                    var texts = FrameIndex.Select(r => r.Check("FrameIndex").Text).ToList();
                    var match = Run(ct => api.FindByIndexAsync(taskId, texts, ct));
                    if (match.Missing.Count > 0) WriteRbError(FramesApi.MissingFrames(taskId, match.Missing), taskId);
                    foreach (var frame in match.Frames) Offer(frame.TaskId, frame.FrameId, frame.FrameIndex);
                });
                else if (ShouldProcess(Status == null ? $"every frame of task {taskId}"
                    : $"the {string.Join(", ", Status)} frames of task {taskId}", Action)) Guarded(taskId, () =>
                {
                    var affected = Run(ct => SendAllAsync(api, taskId, Status, PassThru, ct));
                    if (PassThru) WriteObject(Run(ct => api.GetManyAsync(taskId, affected, ct)), true);
                });
            }
        }

        private void Offer(long taskId, long frameId, string? index = null)
        {
            // a batch only queues a task's ids (and remembers them, so a repeat is asked about once); Flush cuts the
            // chunks
            if (!batches.TryGetValue(taskId, out var batch)) batches[taskId] = batch = new RbIdBatch(int.MaxValue);
            if (!batch.IsNew(frameId) || !Guarded(frameId, () => RbInputRules.CheckIds(new[] { frameId }))) return;
            if (!ShouldProcess(
                $"frame {frameId}{(index == null ? "" : " (" + index + ")")} of task {taskId}", Action)) return;
            batch.Add(frameId);
            if (batch.Count >= FramesApi.FrameIdLimit * Throttle) Flush(taskId, batch);
        }

        protected override void EndProcessing()
        {
            foreach (var kv in batches.Where(kv => kv.Value.Count > 0)) Flush(kv.Key, kv.Value);
        }

        private void Flush(long taskId, RbIdBatch batch)
        {
            var ids = batch.Take();
            var api = ActiveSession.Frames;
            Act<RbFrame>(ids, RbIdBatch.Chunks(ids, FramesApi.FrameIdLimit).ToList(),
                ct => SendAsync(api, taskId, ids, ct), PassThru ? async (done, ct) => RbItemResult.Found(
                    await api.GetManyAsync(taskId, done, ct).ConfigureAwait(false), f => f.FrameId) : null,
                $"frames of task {taskId}", taskId);
        }
    }
}
