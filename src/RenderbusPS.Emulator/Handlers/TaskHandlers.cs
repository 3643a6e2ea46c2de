using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers
{
    internal static class TaskHandlers
    {
        /// <summary>Statuses a stop applies to, and what a start resumes from.</summary>
        // the client checks a piped task against the same table before it sends (RbTaskStates)
        internal static readonly RbTaskStatus[] Stoppable = RbTaskStates.Stoppable.OrderBy(s => s).ToArray();
        internal static readonly RbTaskStatus[] Startable = RbTaskStates.Startable.OrderBy(s => s).ToArray();

        private static readonly Dictionary<int, string> StatusNames = new Dictionary<int, string>
        {
            [0] = "waiting", [5] = "rendering", [8] = "preprocessing", [10] = "stopped", [15] = "stopped by the user",
            [20] = "stopped for arrears", [23] = "stopped on timeout", [25] = "finished",
                [30] = "finished with failed frames",
            [35] = "abandoned", [40] = "test finished", [45] = "failed", [50] = "analysing", [60] = "submitting",
            [65] = "submit failed", [70] = "finished with stopped frames", [100] = "updating its status",
        };

        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.GetTaskList] = GetTaskList;
            map[RbCatalog.QueryTaskInfo] = QueryTaskInfo;
            map[RbCatalog.StopTask] = r => Transition(
                r, Stoppable, RbTaskStatus.Stopped, "stopped", RbFrameStatus.Waiting, RbFrameStatus.Rendering,
                RbFrameStatus.Stopped);
            map[RbCatalog.StartTask] = r => Transition(
                r, Startable, 0, "started", RbFrameStatus.Stopped, RbFrameStatus.TimedOut, RbFrameStatus.Waiting);
        }

        /// <summary>getTaskList: the account's top-level tasks newest first, those the filter matches (see
        /// <see cref="EmuStore.Matching"/>).</summary>
        private static JsonNode GetTaskList(EmuRequest r)
        {
            var statuses = r.LongList("statusList", required: false);
            var keyword = r.OptStr("searchKeyword")?.Trim();
            var after = ParseServiceTime(r, "startTime");
            var before = ParseServiceTime(r, "endTime");
            var recycle = r.OptInt("recycleFlag") == 1;
            var matches = r.Store.Matching(new EmuTaskFilter(statuses, keyword, after, before, recycle));
            var platform = r.Store.Platform;
            return r.Page(matches, (w, t) => t.WriteJson(w, platform));
        }

        /// <summary>"yyyy-MM-dd HH:mm:ss" in the service's wall clock (UTC+8), as epoch ms.</summary>
        private static long? ParseServiceTime(EmuRequest r, string name)
        {
            var text = r.OptStr(name);
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (!DateTime.TryParseExact(
                text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                throw new EmuError(
                    RbCodes.ParameterInvalid, $"{name} '{text}' is not in the form yyyy-MM-dd HH:mm:ss.");
            return new DateTimeOffset(local, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        }

        private static JsonNode QueryTaskInfo(EmuRequest r)
        {
            var ids = r.IdList();
            var found = ids.Distinct().Where(r.Store.ById.ContainsKey).Select(id => r.Store.ById[id]).ToList();
            var platform = r.Store.Platform;
            return EmuRequest.WritePage(
                1, 1, found.Count, RbCatalog.TaskIdLimit, found, 0, found.Count, (w, t) => t.WriteJson(w, platform));
        }

        /// <summary>
        /// Moves every listed task from one of <paramref name="from"/> to <paramref name="to"/>, its sub-tasks alike,
        /// and its frames in <paramref name="frameFrom"/> states to <paramref name="frameTo"/>. All or nothing: one
        /// task that does not fit refuses the call (code 100) naming the task and its status.
        /// </summary>
        private static JsonNode? Transition(EmuRequest r, RbTaskStatus[] from, RbTaskStatus to, string verb,
            RbFrameStatus frameFromA, RbFrameStatus frameFromB, RbFrameStatus frameTo)
        {
            var ids = r.IdList();
            var tasks = new List<EmuTask>();
            foreach (var id in ids.Distinct())
            {
                if (!r.Store.ById.TryGetValue(id, out var t) || t.Deleted)
                    throw new EmuError(RbCodes.Fail, $"Task {id} does not exist.");
                if (!from.Contains(t.Status))
                    throw new EmuError(
                        RbCodes.Fail, $"Task {t.Alias} cannot be {verb}: it is {Describe(t.Status)} ({t.Status}).");
                tasks.Add(t);
            }
            foreach (var t in tasks) Move(r.Store, r.NowMs, t, from, to, frameFromA, frameFromB, frameTo);
            return null;
        }

        /// <summary>Moves one task as <see cref="Transition"/> does (API 2.0's operate_task stops through it
        /// too).</summary>
        internal static void Move(EmuStore store, long nowMs, EmuTask t, RbTaskStatus[] from, RbTaskStatus to,
            RbFrameStatus frameFromA, RbFrameStatus frameFromB, RbFrameStatus frameTo)
        {
            foreach (var x in t.SelfAndDescendants().Where(x => from.Contains(x.Status)))
            {
                x.Status = to;
            }
            foreach (var f in t.AllFrames().Where(f => f.Status == frameFromA || f.Status == frameFromB))
            {
                if (frameTo == RbFrameStatus.Stopped) EmuFarm.Stop(store, f, nowMs);
                else
                {
                    // a resumed frame renders from the start again
                    f.Status = frameTo;
                    f.StartMs = null;
                    f.EndMs = null;
                }
            }
            // a parent follows its sub-tasks once all of them have moved
            if (t.Parent != null && t.Parent.Children.All(c => c.Status == to)) t.Parent.Status = to;
        }

        internal static string Describe(RbTaskStatus status)
            => StatusNames.TryGetValue((int)status, out var n) ? n : "in status " + (int)status;
    }
}
