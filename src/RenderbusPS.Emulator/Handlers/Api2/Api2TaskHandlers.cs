using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>
    /// query_task and operate_task over the account REST serves: the same tasks, their statuses as words
    /// (<see cref="RbApi2Words"/>). operate_task answers per task: a task that does not fit fails alone.
    /// </summary>
    internal static class Api2TaskHandlers
    {
        public static void Register(IDictionary<string, Api2Handler> map)
        {
            map["query_task"] = QueryTask;
            map["operate_task"] = OperateTask;
        }

        private static JsonObject QueryTask(Api2Request r)
        {
            var s = r.Store;
            var deleted = r.Int("del_flag") == 1;
            var withSubs = r.Int("is_sub_included") == 1;
            IEnumerable<EmuTask> tasks = r.Long("task_id") is long id
                ? (s.ById.TryGetValue(id, out var one) ? new[] { one } : Array.Empty<EmuTask>())
                : s.NewestFirst();
            tasks = tasks.Where(t => t.Deleted == deleted && (t.UserName == s.UserName || withSubs
                && s.IsAccount(t.UserName)));
            if (r.Text("project_name") is string project) tasks = tasks.Where(t => t.ProjectName == project);
            if (r.Text("task_status") is string word)
            {
                var statuses = RbApi2Words.StatusesOf(word)!;
                tasks = tasks.Where(t => statuses.Contains(t.Status));
            }
            if (r.Text("cg_soft_name") is string soft)
                tasks = tasks.Where(t => Has(SoftwareName(s, t), soft));
            if (r.Text("input_scene_path") is string scene) tasks = tasks.Where(t => Has(s.ScenePathOf(t), scene));
            if (r.Text("camera") is string camera) tasks = tasks.Where(t => Has(t.Camera, camera));
            if (r.Text("render_layer") is string layer) tasks = tasks.Where(t => Has(t.LayerName, layer));
            if (r.Text("artist") is string artist) tasks = tasks.Where(t => Has(t.Producer, artist));
            if (r.Text("submit_account") is string submitter) tasks = tasks.Where(t => t.UserName == submitter);
            if (Time(r, "start_date_after") is long after) tasks = tasks.Where(t => t.SubmitMs >= after);
            if (Time(r, "start_date_before") is long before) tasks = tasks.Where(t => t.SubmitMs <= before);
            if (Time(r, "completed_date_after") is long doneAfter) tasks = tasks.Where(t => Completed(t) >= doneAfter);
            if (Time(r, "completed_date_before") is long doneBefore) tasks = tasks.Where(t => Completed(t) is long c
                && c <= doneBefore);
            var list = Sort(r, tasks).ToList();
            var body = new JsonObject { ["total_size"] = Text(list.Count) };
            if (r.Int("is_paging") == 1)
            {
                var size = r.Int("page_size") ?? 100;
                var page = r.Int("page_no") ?? 1;
                if (size < 1 || size > 100) throw new Api2Error(1022,
                    $"illegal value: body.page_size {size} must be 1..100.");
                if (page < 1) throw new Api2Error(1022, $"illegal value: body.page_no {page} must be 1 or more.");
                body["page_no"] = Text(page);
                body["page_size"] = Text(size);
                body["total_page"] = Text((list.Count + size - 1) / size);
                list = list.Skip((int)Math.Min(int.MaxValue, (page - 1L) * size)).Take(size).ToList();
            }
            var jobs = r.Int("is_jobs_included") == 1;
            var logs = jobs && r.Text("is_logs_included") == "1";
            body["data"] = new JsonArray(list.Select(t => (JsonNode)Api2TaskJson.Item(s, t, jobs, logs,
                r.NowMs)).ToArray());
            return body;
        }

        private static IEnumerable<EmuTask> Sort(Api2Request r, IEnumerable<EmuTask> tasks)
        {
            if (!(r.Int("sort_code") is int code)) return tasks;
            Func<EmuTask, long> key = code == 1 ? t => (long)t.Status : code == 2 ? t => t.SubmitMs : t => t.Id;
            return r.Int("sort_type") == 1 ? tasks.OrderByDescending(key).ThenByDescending(t => t.Id)
                : tasks.OrderBy(key).ThenBy(t => t.Id);
        }

        private static bool Has(string? text, string part) => text != null && text.IndexOf(part,
            StringComparison.OrdinalIgnoreCase) >= 0;

        internal static string SoftwareName(EmuStore s, EmuTask t)
            => s.SoftwareNames.TryGetValue(t.Id, out var given) ? given : s.FindSoftware(t.CgId)?.Name ?? "";

        internal static long? Completed(EmuTask t)
            => RbApi2Words.WordOf(t.Status) == "System_Done" || t.Status == RbTaskStatus.Failed
                ? t.AllFrames().Select(f => f.EndMs).Max() : null;

        private static long? Time(Api2Request r, string name)
        {
            if (!(r.Text(name) is string text)) return null;
            if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var local))
                throw new Api2Error(1022, $"illegal value: body.{name} '{text}' is not yyyy-MM-dd HH:mm:ss.");
            return new DateTimeOffset(local, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        }

        internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static JsonObject OperateTask(Api2Request r)
        {
            var ids = new List<long>();
            foreach (var part in r.Text("task_id")!.Split(','))
            {
                if (!long.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                    throw new Api2Error(1021,
                        $"parameter cast exception: body.task_id holds '{part}', which is not a task id.");
                if (!ids.Contains(id)) ids.Add(id);
            }
            var order = r.Int("operate_order")!.Value;
            var restart = r.Int("restart_type");
            if (order == 1 && restart == null) throw new Api2Error(1020,
                "null not permitted: body.restart_type is needed to restart.");
            var hours = r.Long("task_over_time");
            var priority = r.Int("priority");
            if (order == 3 && hours == null && priority == null)
                throw new Api2Error(1020,
                    "null not permitted: body.task_over_time or body.priority is needed to modify.");
            if (hours != null && (hours < 1 || hours > 24 * 30))
                throw new Api2Error(1022, $"illegal value: body.task_over_time {hours} must be 1..720 hours.");
            HashSet<int>? frames = null;
            if (order == 1 && r.Text("frame") is string range)
            {
                try { frames = new HashSet<int>(EmuFrameRange.Parse(range)); }
                catch (FormatException ex) { throw new Api2Error(1022, "illegal value: body.frame: " + ex.Message); }
            }
            var items = new JsonArray();
            foreach (var id in ids)
            {
                var s = r.Store;
                string? refusal = null;
                if (!s.ById.TryGetValue(id, out var t) || t.Deleted || !s.IsAccount(t.UserName))
                    refusal = $"Task {id} does not exist.";
                else refusal = Operate(r, t, order, restart, hours, priority, frames);
                var item = new JsonObject
                {
                    ["task_id"] = Text(id),
                    ["operate_result"] = refusal == null ? "0" : "1",
                    ["task_status"] = t == null ? "" : RbApi2Words.WordOf(t.Status),
                    ["description"] = refusal ?? "",
                };
                items.Add(item);
            }
            return new JsonObject { ["total_size"] = Text(items.Count), ["data"] = items };
        }

        private static readonly RbTaskStatus[] Stoppable = RbTaskStates.Stoppable.ToArray();

        /// <summary>Carries out one order on one task; the reason it cannot, or null.</summary>
        private static string? Operate(Api2Request r, EmuTask t, int order, int? restart, long? hours, int? priority,
            HashSet<int>? frames)
        {
            switch (order)
            {
                case 0:
                    if (!Stoppable.Contains(t.Status)) return $"Task {t.Id} is {RbApi2Words.WordOf(t.Status)}: only "
                        + $"running tasks can be stopped.";
                    TaskHandlers.Move(r.Store, r.NowMs, t, Stoppable, RbTaskStatus.Stopped,
                        RbFrameStatus.Waiting, RbFrameStatus.Rendering, RbFrameStatus.Stopped);
                    return null;
                case 1:
                    if (t.Status is RbTaskStatus.Abandoned or RbTaskStatus.Submitting or RbTaskStatus.SubmitFailed)
                        return $"Task {t.Id} is {RbApi2Words.WordOf(t.Status)}: it cannot be restarted.";
                    var status = RbApi2Words.RestartStatus(restart!.Value)!.Value;
                    var statuses = status == RbFrameStatus.Stopped ? new[] { status, RbFrameStatus.TimedOut }
                        : new[] { status };
                    TaskActionHandlers.Requeue(t, statuses, frames == null ? null : f => InRange(f, frames));
                    return null;
                case 2:
                    if (t.Parent != null) return $"Task {t.Id} is a layer of task {t.Parent.Id}; delete {t.Parent.Id}.";
                    if (RbTaskStates.Busy.Contains(t.Status)) return $"Task {t.Id} is {RbApi2Words.WordOf(t.Status)}: "
                        + $"stop it before deleting it.";
                    foreach (var x in t.SelfAndDescendants()) x.Deleted = true;
                    return null;
                default:
                    foreach (var x in t.SelfAndDescendants())
                    {
                        if (hours != null) x.OverTimeSec = (int)(hours.Value * 3600);
                        if (priority != null) x.UserLevel = priority.Value;
                    }
                    return null;
            }
        }

        private static bool InRange(EmuFrame f, HashSet<int> frames)
        {
            try { return EmuFrameRange.Parse(f.FrameIndex).Any(frames.Contains); }
            catch (FormatException) { return false; }
        }
    }
}
