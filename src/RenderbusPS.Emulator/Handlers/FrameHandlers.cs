using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Server;
using RenderbusPS.Emulator.Store;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Handlers
{
    internal static class FrameHandlers
    {
        /// <summary>Frame statuses that wait for a node (1, 6 to 10, 12).</summary>
        /// <summary>Frames a stop applies to: waiting or rendering.</summary>
        internal static readonly RbFrameStatus[] Stoppable = { RbFrameStatus.Waiting, RbFrameStatus.Rendering,
            RbFrameStatus.WaitingForPreprocessing, RbFrameStatus.WaitingForPhotonFrame,
                RbFrameStatus.WaitingForPriorityRender,
            RbFrameStatus.WaitingForPhotonJob, RbFrameStatus.WaitingForSimulationJob,
                RbFrameStatus.SecondaryFrameWaiting };
        /// <summary>Frames a restart applies to: rendering, stopped, finished, failed, timed out.</summary>
        internal static readonly RbFrameStatus[] Restartable = { RbFrameStatus.Rendering, RbFrameStatus.Stopped,
            RbFrameStatus.Finished, RbFrameStatus.Failed, RbFrameStatus.TimedOut };

        private static readonly Dictionary<int, string> FrameStatusNames = new Dictionary<int, string>
        {
            [1] = "waiting", [2] = "rendering", [3] = "stopped", [4] = "finished", [5] = "failed",
                [6] = "waiting for preprocessing",
            [7] = "waiting for its photon frame", [8] = "waiting for priority frames",
                [9] = "waiting for the photon job",
            [10] = "waiting for the simulation job", [11] = "timed out", [12] = "waiting (secondary frame)",
        };

        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.QueryTaskFrames] = QueryTaskFrames;
            map[RbCatalog.QueryAllFrameStats] = QueryAllFrameStats;
            map[RbCatalog.RecommitTaskFrames] = r => Act(r, restart: true);
            map[RbCatalog.StopTaskFrames] = r => Act(r, restart: false);
            map[RbCatalog.ShowLog] = ShowLog;
            map[RbCatalog.LoadingFrameThumbnail] = LoadingFrameThumbnail;
        }

        /// <summary>Frames of a task in render order; a parent task lists the frames of its sub-tasks.</summary>
        private static JsonNode QueryTaskFrames(EmuRequest r)
        {
            var id = r.ReqLong("taskId");
            if (!r.Store.ById.TryGetValue(id, out var task))
                throw new EmuError(RbCodes.ResourceNotFound, $"Task {id} does not exist.");
            var keyword = r.OptStr("searchKeyword")?.Trim();
            var frames = task.AllFrames()
                .Where(f => string.IsNullOrEmpty(keyword) || f.FrameIndex.IndexOf(
                    keyword, StringComparison.OrdinalIgnoreCase) >= 0)
                .ToList();
            var platform = r.Store.Platform;
            return r.Page(frames, (w, f) => f.WriteJson(w, platform));
        }

        /// <summary>Frame counts of the live (not deleted) tasks of the account, by status.</summary>
        private static JsonNode QueryAllFrameStats(EmuRequest r)
        {
            var frames = r.Store.Tasks.Where(t => !t.Deleted).SelectMany(t => t.AllFrames()).ToList();
            return new JsonObject
            {
                ["executingFramesTotal"] = frames.Count(f => f.Status == RbFrameStatus.Rendering),
                ["doneFramesTotal"] = frames.Count(f => f.Status == RbFrameStatus.Finished),
                ["failedFramesTotal"] = frames.Count(
                    f => f.Status == RbFrameStatus.Failed || f.Status == RbFrameStatus.TimedOut),
                ["waitingFramesTotal"] = frames.Count(f => EmuFarm.Waiting(f.Status)),
                ["abandonFramesTotal"] = frames.Count(f => f.Status == RbFrameStatus.Stopped),
                ["totalFrames"] = frames.Count,
            };
        }

        /// <summary>
        /// recommitTaskFrames and stopTaskFrames: <c>taskId</c>, <c>selectAll</c> 1 (every frame of the task, or those
        /// in
        /// <c>status</c>) or 0 with <c>ids</c>. Listed ids are all or nothing: a frame that is not the task's, or whose
        /// status does not allow the action, refuses the call (code 100) naming the frame. A restarted frame goes back
        /// to waiting with its times cleared and its recommit count up by one, and its task waits for nodes again; a
        /// stopped frame ends (a rendering one is billed for the time it rendered) and its task's status follows its
        /// frames.
        /// </summary>
        private static JsonNode? Act(EmuRequest r, bool restart)
        {
            var verb = restart ? "restarted" : "stopped";
            var taskId = r.ReqLong("taskId");
            if (!r.Store.ById.TryGetValue(taskId, out var task) || task.Deleted)
                throw new EmuError(RbCodes.ResourceNotFound, $"Task {taskId} does not exist.");
            if (task.Status == RbTaskStatus.Abandoned || task.Status == RbTaskStatus.SubmitFailed)
                throw new EmuError(
                    RbCodes.Fail,
                    $"Task {task.Alias} is {(task.Status == RbTaskStatus.Abandoned ? "abandoned" : "a failed submission")}: its frames cannot be {verb}.");
            var all = r.OptInt("selectAll") == 1;
            var statuses = r.LongList("status", required: false).Select(v => (RbFrameStatus)v).ToArray();
            var allowed = restart ? Restartable : Stoppable;
            var frames = task.AllFrames().ToList();
            List<EmuFrame> chosen;
            if (all)
            {
                chosen = frames.Where(
                    f => allowed.Contains(f.Status) && (statuses.Length == 0 || statuses.Contains(f.Status))).ToList();
            }
            else
            {
                var ids = r.IdList();
                var byId = frames.ToDictionary(f => f.Id);
                chosen = new List<EmuFrame>();
                foreach (var id in ids.Distinct())
                {
                    if (!byId.TryGetValue(id, out var f))
                        throw new EmuError(RbCodes.Fail, $"Frame {id} is not a frame of task {task.Alias}.");
                    if (statuses.Length > 0 && !statuses.Contains(f.Status)) continue;
                    if (!allowed.Contains(f.Status))
                        throw new EmuError(
                            RbCodes.Fail,
                            $"Frame {id} ({f.FrameIndex}) of task {task.Alias} is {Describe(f.Status)}: only {(restart ? "frames that rendered or are rendering" : "waiting or rendering frames")} can be {verb}.");
                    chosen.Add(f);
                }
            }
            foreach (var f in chosen)
            {
                if (restart)
                {
                    EmuFarm.Requeue(f);
                }
                else
                {
                    EmuFarm.Stop(r.Store, f, r.NowMs);
                }
            }
            foreach (var leaf in chosen.Select(f => r.Store.ById[f.TaskId]).Distinct())
            {
                if (restart)
                {
                    // the farm renders it again: an idle task queues for nodes (its ReadyMs was kept up while idle)
                    if (!EmuFarm.IsActive(leaf.Status)) leaf.Status = RbTaskStatus.Waiting;
                    if (leaf.Parent != null
                        && !EmuFarm.IsActive(leaf.Parent.Status)) leaf.Parent.Status = RbTaskStatus.Waiting;
                }
                else
                {
                    if (EmuFarm.IsActive(leaf.Status)) leaf.Status = EmuFarm.Derive(leaf.Frames, leaf.Status);
                    if (leaf.Parent != null
                        && EmuFarm.IsActive(leaf.Parent.Status)) leaf.Parent.Status = EmuFarm.ParentStatus(leaf.Parent);
                }
            }
            return null;
        }

        /// <summary>
        /// showLog: the frame's render log cut into pieces of at most 16384 characters (whole lines), numbered from 0.
        /// A frame that has not started has no log: pageCount and total 0, no items.
        /// </summary>
        private static JsonNode ShowLog(EmuRequest r)
        {
            var id = r.ReqLong("id");
            var type = r.OptStr("renderingType") ?? "render";
            if (!string.Equals(type, "render", StringComparison.Ordinal))
                throw new EmuError(RbCodes.ParameterInvalid, $"renderingType '{type}' is not supported; use render.");
            var pageNum = r.OptInt("pageNum") ?? 0;
            if (pageNum < 0) throw new EmuError(RbCodes.ParameterInvalid, $"pageNum {pageNum} must be 0 or more.");
            var pageSize = r.OptInt("pageSize") ?? 1;
            if (pageSize < 1) throw new EmuError(RbCodes.ParameterInvalid, $"pageSize {pageSize} must be 1 or more.");
            var found = r.Store.FindFrame(id) ?? throw new EmuError(
                RbCodes.ResourceNotFound, $"Frame {id} does not exist.");
            var lines = EmuRenderLog.Lines(r.Store, found.Task, found.Frame, r.NowMs);
            var pages = EmuRenderLog.Pages(lines);
            var items = pageNum < pages.Count ? pages[pageNum] : new List<string>();
            return new JsonObject
            {
                ["pageCount"] = pages.Count,
                ["pageNum"] = pageNum,
                ["total"] = lines.Sum(l => l.Length + 1),
                ["size"] = EmuRenderLog.PieceSize,
                ["items"] = new JsonArray(items.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            };
        }

        /// <summary>loadingFrameThumbnail: one address for a frame in the status asked for (4, finished, by default),
        /// else none.</summary>
        private static JsonNode LoadingFrameThumbnail(EmuRequest r)
        {
            var id = r.ReqLong("id");
            var status = (RbFrameStatus)(r.OptInt("frameStatus") ?? (int)RbFrameStatus.Finished);
            var found = r.Store.FindFrame(id) ?? throw new EmuError(
                RbCodes.ResourceNotFound, $"Frame {id} does not exist.");
            var (frame, task) = found;
            if (frame.Status != status || status != RbFrameStatus.Finished) return new JsonArray();
            var name = $"{task.Id}_{System.IO.Path.GetFileNameWithoutExtension(task.SceneName)}_{frame.FrameIndex}.png";
            var path = r.Store.BaseUrl != null
                ? $"{r.Store.BaseUrl}{EmuThumbnails.Prefix}{frame.Id}/{Uri.EscapeDataString(name)}"
                : $"/mnt/output/d2_1/small_pic/{r.Store.UserId}/{task.Id}/{name}";
            return new JsonArray(JsonValue.Create(path));
        }

        internal static string Describe(RbFrameStatus status)
            => FrameStatusNames.TryGetValue((int)status, out var n) ? n : "in status " + (int)status;
    }
}
