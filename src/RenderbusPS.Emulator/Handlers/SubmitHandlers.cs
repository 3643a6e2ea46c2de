using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Store;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Handlers
{
    /// <summary>
    /// Creating a task (an empty task in status 60, submitting), uploading its files, submitting it (frames from
    /// task.json, analysing, then the farm renders it) and explaining error codes.
    /// </summary>
    internal static class SubmitHandlers
    {
        private static readonly string[] FileNames = { "task.json", "upload.json", "asset.json", "tips.json" };

        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.CreateTask] = CreateTask;
            map[RbCatalog.TaskJsonFile] = TaskJsonFile;
            map[RbCatalog.SubmitTask] = SubmitTask;
            map[RbCatalog.QueryAnalyseErrorDetail] = QueryErrorDetail;
        }

        private static JsonNode CreateTask(EmuRequest r)
        {
            var s = r.Store;
            var count = r.OptInt("count") ?? 1;
            if (count < 1 || count > 100) throw new EmuError(
                RbCodes.ParameterInvalid, $"count {count} must be 1..100.");
            var level = r.OptInt("taskUserLevel") ?? 50;
            if (level != 50 && level != 60) throw new EmuError(
                RbCodes.ParameterInvalid, $"taskUserLevel {level} must be 50 or 60.");
            var labels = Strings(r, "labels");
            EmuTask? original = null;
            if (r.OptLong("cloneOriginalId") is long cloneId && cloneId > 0 && (
                !s.ById.TryGetValue(cloneId, out original) || original.Deleted))
                throw new EmuError(RbCodes.ResourceNotFound, $"Task {cloneId} (cloneOriginalId) does not exist.");
            var artist = r.OptStr("artist");
            var outUser = r.OptLong("outUserId");
            var created = new List<EmuTask>();
            for (var i = 0; i < count; i++)
            {
                var id = s.NextTaskId();
                var t = new EmuTask
                {
                    Id = id,
                    Alias = s.Platform.ToString(CultureInfo.InvariantCulture) + s.Prefix
                        + id.ToString(CultureInfo.InvariantCulture),
                    Status = RbTaskStatus.Submitting,
                    SubmitMs = r.NowMs,
                    UserName = s.UserName,
                    UserId = s.UserId,
                    Producer = string.IsNullOrWhiteSpace(artist) ? null : artist,
                    TaskLevel = level + 10,
                    UserLevel = level,
                    SimMs = r.NowMs,
                    AwaitingSubmit = true,
                    OutUserId = outUser,
                    OverTimeSec = s.TaskOverTimeSec,
                };
                foreach (var label in labels) t.Labels[s.LabelId(label)] = label;
                if (original != null)
                {
                    t.CloneOriginalId = original.Id;
                    foreach (var file in original.JsonFiles) t.JsonFiles[file.Key] = file.Value;
                }
                s.Tasks.Add(t);
                s.ById[id] = t;
                created.Add(t);
            }
            return new JsonObject
            {
                ["aliasTaskIdList"] = new JsonArray(
                    created.Select(t => (JsonNode)JsonValue.Create(t.Alias)!).ToArray()),
                ["taskIdList"] = new JsonArray(created.Select(t => (JsonNode)JsonValue.Create(t.Id)).ToArray()),
                ["userId"] = s.UserId,
            };
        }

        private static JsonNode? TaskJsonFile(EmuRequest r)
        {
            var task = Find(r);
            var name = r.OptStr("fileName") ?? "task.json";
            if (!FileNames.Contains(name)) throw new EmuError(
                RbCodes.ParameterInvalid, $"fileName '{name}' must be one of {string.Join(", ", FileNames)}.");
            var content = r.ReqStr("content");
            try
            {
                using var doc = JsonDocument.Parse(content);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new EmuError(
                    RbCodes.ParameterInvalid, $"content of {name} must be a JSON object.");
            }
            catch (JsonException ex)
            {
                throw new EmuError(RbCodes.ParameterInvalid, $"content of {name} is not JSON: {ex.Message}");
            }
            if (!task.AwaitingSubmit)
                throw new EmuError(
                    RbCodes.Fail, $"Task {task.Alias} was already submitted; its files can no longer change.");
            task.JsonFiles[name] = content;
            return null;
        }

        private static JsonNode? SubmitTask(EmuRequest r)
        {
            var task = Find(r);
            if (!task.AwaitingSubmit)
                throw new EmuError(
                    RbCodes.Fail,
                    $"Task {task.Alias} was already submitted (status {task.Status}); create a new task to submit again.");
            if (!task.JsonFiles.TryGetValue("task.json", out var json))
                throw new EmuError(
                    RbCodes.Fail,
                    $"Task {task.Alias} has no task.json: upload it with taskJsonFile before submitting.");
            EmuPlan plan;
            try
            {
                using var doc = JsonDocument.Parse(json);
                plan = EmuPlan.Read(doc.RootElement);
            }
            catch (FormatException ex)
            {
                throw new EmuError(RbCodes.ParameterInvalid, $"task.json of task {task.Alias}: {ex.Message}");
            }
            var s = r.Store;
            task.AwaitingSubmit = false;
            task.SubmitMs = r.NowMs;
            task.SceneName = plan.Scene;
            task.CgId = plan.CgId;
            task.Producer = r.OptStr("producer") ?? task.Producer;
            task.MunuTaskId = "2026" + task.Id.ToString(CultureInfo.InvariantCulture);
            Plan(s, task, plan, r.NowMs);
            return null;
        }

        /// <summary>
        /// Gives a submitted task the frames its plan asks for (sub-tasks for several passes) and sends it to analysis;
        /// API 2.0's create actions submit through it too.
        /// </summary>
        internal static void Plan(EmuStore s, EmuTask task, EmuPlan plan, long nowMs)
        {
            var passes = plan.Passes.Where(p => p.Frames.Count > 0).ToList();
            if (passes.Count == 0)
            {
                // the analysis finds nothing to render: the task fails to submit, with the code that says why
                task.Status = RbTaskStatus.SubmitFailed;
                task.ErrorCode = EmuErrorCatalog.NoFrames;
                return;
            }
            var ready = nowMs + (20 + EmuFarm.Mix(s.SeedValue, task.Id, 0, 9) % 41) * 1000L;
            var nextFrame = s.NextFrameId();
            task.FramesRange = passes[0].Range;
            task.Camera = passes[0].Camera;
            var type = plan.CgId == 2004 ? "GopRender" : "Render";
            if (passes.Count == 1)
            {
                task.TaskType = type;
                task.LayerName = passes[0].Layer;
                AddFrames(task, passes[0], plan.FramesPerTask, ref nextFrame);
            }
            else
            {
                foreach (var pass in passes)
                {
                    var id = s.NextTaskId();
                    var child = new EmuTask
                    {
                        Id = id,
                        Parent = task,
                        Alias = s.Platform.ToString(CultureInfo.InvariantCulture) + s.Prefix
                            + id.ToString(CultureInfo.InvariantCulture),
                        SceneName = task.SceneName, CgId = task.CgId, TaskType = type, LayerName = pass.Layer,
                            Camera = pass.Camera,
                        FramesRange = pass.Range, SubmitMs = task.SubmitMs, UserName = task.UserName,
                            UserId = task.UserId,
                        Producer = task.Producer, TaskLevel = task.TaskLevel, UserLevel = task.UserLevel,
                            OverTimeSec = task.OverTimeSec,
                        MunuTaskId = "2026" + id.ToString(CultureInfo.InvariantCulture),
                    };
                    AddFrames(child, pass, plan.FramesPerTask, ref nextFrame);
                    task.Children.Add(child);
                    s.ById[id] = child;
                }
            }
            foreach (var x in task.SelfAndDescendants())
            {
                x.Status = RbTaskStatus.Analysing;
                x.ReadyMs = ready;
                x.SimMs = nowMs;
            }
        }

        private static void AddFrames(EmuTask leaf, EmuPass pass, int perTask, ref long nextFrame)
        {
            var block = 1;
            for (var i = 0; i < pass.Frames.Count; i += perTask)
            {
                var group = pass.Frames.Skip(i).Take(perTask).ToList();
                leaf.Frames.Add(new EmuFrame
                {
                    Id = nextFrame++, TaskId = leaf.Id, FrameIndex = EmuFrameRange.Label(group), Block = block++,
                        Status = RbFrameStatus.Waiting, Type = 5,
                    MunuTaskId = leaf.MunuTaskId, Ram = leaf.Ram,
                });
            }
        }

        private static JsonNode QueryErrorDetail(EmuRequest r)
        {
            var codes = new List<string>();
            if (r.OptStr("code") is string one && one.Trim().Length > 0) codes.Add(one.Trim());
            codes.AddRange(
                Strings(r, "codes").SelectMany(c => c.Split(',')).Select(c => c.Trim()).Where(c => c.Length > 0));
            if (codes.Count == 0) throw new EmuError(RbCodes.ParameterCantBeEmpty, "code or codes can't be empty.");
            var language = r.OptStr("language") ?? "0";
            if (language != "0" && language != "1") throw new EmuError(
                RbCodes.ParameterInvalid, $"language '{language}' must be 0 (Chinese) or 1 (English).");
            var english = language == "1";
            var found = codes.Distinct().Select(EmuErrorCatalog.Find).Where(e => e != null)
                .Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e!.Id * 2 + (english ? 1 : 0),
                ["code"] = e.Code,
                ["type"] = e.Type,
                ["languageFlag"] = english ? 1 : 0,
                ["desDescriptionCn"] = english ? e.DescriptionEn : e.DescriptionCn,
                ["desSolutionCn"] = english ? e.SolutionEn : e.SolutionCn,
                ["solutionPath"] = "https://www.renderbus.com/support-new/error-codes/" + e.Code,
                ["isRepair"] = e.Repairable,
                ["isDelete"] = 1,
                ["isOpen"] = e.Open,
                ["lastModifyAdmin"] = "",
                ["updateTime"] = e.UpdateMs,
            }).ToArray();
            return new JsonArray(found);
        }

        private static EmuTask Find(EmuRequest r)
        {
            var id = r.ReqLong("taskId");
            if (!r.Store.ById.TryGetValue(id, out var task) || task.Deleted)
                throw new EmuError(RbCodes.ResourceNotFound, $"Task {id} does not exist.");
            return task;
        }

        /// <summary>A list of strings (or numbers), or one string.</summary>
        private static List<string> Strings(EmuRequest r, string name)
        {
            var list = new List<string>();
            if (!r.Body.TryGetProperty(name, out var v)) return list;
            if (v.ValueKind == JsonValueKind.String) list.Add(v.GetString()!);
            else if (v.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in v.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) list.Add(item.GetString()!);
                    else if (item.ValueKind == JsonValueKind.Number) list.Add(item.GetRawText());
                    else throw new EmuError(RbCodes.ParameterInvalid, $"{name} must be a list of strings.");
                }
            }
            else if (v.ValueKind != JsonValueKind.Null) throw new EmuError(
                RbCodes.ParameterInvalid, $"{name} must be a list of strings.");
            return list;
        }
    }
}
