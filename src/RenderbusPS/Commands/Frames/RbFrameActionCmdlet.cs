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
            foreach (var taskId in TaskId)
            {
                if (Guarded(taskId, () => RbInputRules.CheckIds(new[] { taskId }))) Choose(taskId);
            }
        }

        private void Choose(long taskId)
        {
            var api = ActiveSession.Frames;
            switch (ParameterSetName)
            {
                case FrameSet:
                    foreach (var id in FrameId) Offer(taskId, id);
                    break;
                case IndexSet:
                    Guarded(taskId, () =>
                    {
                        var texts = FrameIndex.Select(r => r.Check("FrameIndex").Text).ToList();
                        var match = Run(ct => api.FindByIndexAsync(taskId, texts, ct));
                        if (match.Missing.Count > 0) WriteRbError(
                            FramesApi.MissingFrames(taskId, match.Missing), taskId);
                        foreach (var frame in match.Frames) Offer(frame.TaskId, frame.FrameId, frame.FrameIndex);
                    });
                    break;
                default:
                    var what = Status == null ? $"every frame of task {taskId}"
                        : $"the {string.Join(", ", Status)} frames of task {taskId}";
                    if (!ShouldProcess(what, Action)) return;
                    Guarded(taskId, () =>
                    {
                        var affected = Run(ct => SendAllAsync(api, taskId, Status, PassThru, ct));
                        if (PassThru) WriteObject(Run(ct => api.GetManyAsync(taskId, affected, ct)), true);
                    });
                    break;
            }
        }

        private void Offer(long taskId, long frameId, string? index = null)
        {
            // a batch only queues a task's ids (and remembers them, so a repeat is asked about once); Flush cuts the
            // chunks
            if (!batches.TryGetValue(taskId, out var batch)) batches[taskId] = batch = new RbIdBatch(int.MaxValue);
            if (!batch.IsNew(frameId)) return;
            if (!Guarded(frameId, () => RbInputRules.CheckIds(new[] { frameId }))) return;
            if (!ShouldProcess(
                $"frame {frameId}{(index == null ? "" : " (" + index + ")")} of task {taskId}", Action)) return;
            batch.Add(frameId);
            if (batch.Count >= FramesApi.FrameIdLimit * Throttle) Flush(taskId, batch);
        }

        protected override void EndProcessing()
        {
            foreach (var kv in batches)
            {
                if (kv.Value.Count > 0) Flush(kv.Key, kv.Value);
            }
        }

        private void Flush(long taskId, RbIdBatch batch)
        {
            var ids = batch.Take();
            var api = ActiveSession.Frames;
            var results = Run(ct => SendAsync(api, taskId, ids, ct));
            var done = RbBulkSender.DoneIds(results);
            IReadOnlyList<RbFrame> after = Array.Empty<RbFrame>();
            Exception? unread = null;
            if (PassThru && done.Length > 0)
            {
                try { after = Run(ct => api.GetManyAsync(taskId, done, ct)); }
                catch (Exception error) when (Core.RbErrorKinds.IsCoreError(error)) { unread = error; }
            }
            foreach (var call in RbBulkSender.ByCall(ids, FramesApi.FrameIdLimit, results, after, f => f.FrameId))
            {
                foreach (var failed in call.Failed) WriteRbError(failed.Error!, failed.Id);
                WriteVerbose($"{call.DoneCount} of {call.Ids.Length} frames of task {taskId} done.");
                if (!PassThru || call.DoneCount == 0) continue;
                if (unread != null) WriteRbError(unread, taskId);
                else WriteObject(call.After, true);
            }
        }
    }
}
