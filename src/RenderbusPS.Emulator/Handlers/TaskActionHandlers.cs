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
    /// Task actions as the farm answers them: abandon, delete, resubmit frames, priority, time-out, machine limit, full
    /// speed, hardware and labels. A call that names several tasks is all or nothing: one task that does not fit
    /// refuses the call with code 100, naming the task and its status, and nothing changes.
    /// </summary>
    internal static class TaskActionHandlers
    {
        /// <summary>Statuses a task can be abandoned from: waiting, busy or stopped (not finished, not already
        /// abandoned).</summary>
        internal static readonly IReadOnlyCollection<RbTaskStatus> Abandonable = RbTaskStates.Abandonable;
        /// <summary>Frame statuses an abandon stops: waiting of any kind and rendering.</summary>
        private static readonly RbFrameStatus[] Unfinished = FrameHandlers.Stoppable;
        /// <summary>Statuses of a task the farm has finished with.</summary>
        private static readonly RbTaskStatus[] Finished = { RbTaskStatus.Finished,
            RbTaskStatus.FinishedWithFailedFrames,
            RbTaskStatus.TestFinished, RbTaskStatus.Failed, RbTaskStatus.FinishedWithStoppedFrames };
        /// <summary>Frame statuses a resubmit cannot take (the frame is rendering now).</summary>
        private const RbFrameStatus Rendering = RbFrameStatus.Rendering;

        private sealed class Hardware
        {
            public int Id;
            public int Type = 1;
            public string Model = "Default";
            public string? GpuNum = null;
            public string Ram = "64GB";
            public int[] NotSupported = Array.Empty<int>();
            public int Status = 1;
            public int RamGb => int.Parse(Ram.Replace("GB", ""), CultureInfo.InvariantCulture);
        }

        /// <summary>The platform's hardware (as in the SDK guide's example), plus one disabled configuration.</summary>
        private static readonly Hardware[] Configs =
        {
            new Hardware { Id = 301, Ram = "64GB" },
            new Hardware { Id = 303, Ram = "128GB" },
            new Hardware { Id = 337, Model = "1080Ti", NotSupported = new[] { 2005, 2000 } },
            new Hardware { Id = 339, Model = "2080Ti" },
            new Hardware { Id = 341, Model = "1080Ti", Ram = "128GB", NotSupported = new[] { 2005 } },
            new Hardware { Id = 343, Model = "28C", Ram = "256GB", Status = 0 },
        };

        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.AbandonTask] = Abandon;
            map[RbCatalog.DeleteTask] = Delete;
            map[RbCatalog.RecommitTasks] = Recommit;
            map[RbCatalog.UpdateTaskUserLevel] = UserLevel;
            map[RbCatalog.SetTaskOverTimeStop] = OverTime;
            map[RbCatalog.UpdateTaskLimit] = TaskLimit;
            map[RbCatalog.FullSpeedRendering] = FullSpeed;
            map[RbCatalog.EditTaskHardwareConfig] = EditHardware;
            map[RbCatalog.HardwareConfigList] = HardwareList;
            map[RbCatalog.AddTaskLabel] = AddLabel;
            map[RbCatalog.DeleteTaskLabel] = DeleteLabel;
        }

        /// <summary>The live tasks an id list names, each checked by <paramref name="refuse"/> (a reason, or null when
        /// it fits).</summary>
        private static List<EmuTask> Live(EmuRequest r, IEnumerable<long> ids, Func<EmuTask, string?>? refuse = null)
        {
            var tasks = new List<EmuTask>();
            foreach (var id in ids.Distinct())
            {
                if (!r.Store.ById.TryGetValue(id, out var t) || t.Deleted)
                    throw new EmuError(RbCodes.Fail, $"Task {id} does not exist.");
                var reason = refuse?.Invoke(t);
                if (reason != null) throw new EmuError(RbCodes.Fail, reason);
                tasks.Add(t);
            }
            return tasks;
        }

        private static string Is(EmuTask t) => $"it is {TaskHandlers.Describe(t.Status)} ({t.Status})";

        private static JsonNode? Abandon(EmuRequest r)
        {
            var tasks = Live(
                r, r.IdList(), t => Abandonable.Contains(t.Status) ? null
                : $"Task {t.Alias} cannot be abandoned: {Is(t)}.");
            foreach (var t in tasks)
            {
                foreach (var x in t.SelfAndDescendants()) x.Status = RbTaskStatus.Abandoned;
                foreach (var f in t.AllFrames().Where(f => Unfinished.Contains(f.Status)))
                    EmuFarm.Stop(r.Store, f, r.NowMs);
                if (t.Parent != null
                    && t.Parent.Children.All(c => c.Status == RbTaskStatus.Abandoned)) t.Parent.Status = RbTaskStatus.Abandoned;
            }
            return null;
        }

        private static JsonNode? Delete(EmuRequest r)
        {
            var tasks = Live(r, r.IdList(), t =>
                t.Parent != null ? $"Task {t.Alias} is a layer of task {t.Parent.Alias}; delete {t.Parent.Alias}."
                : EmuFarm.IsActive(t.Status) ? $"Task {t.Alias} cannot be deleted: {Is(t)}; stop it first."
                : null);
            foreach (var t in tasks)
            {
                foreach (var x in t.SelfAndDescendants()) x.Deleted = true;
            }
            return null;
        }

        private static JsonNode? Recommit(EmuRequest r)
        {
            var statuses = r.LongList("status", required: false).Select(v => (RbFrameStatus)v).ToArray();
            if (statuses.Length == 0) statuses = new[] { RbFrameStatus.Failed };
            var tasks = Live(r, r.IdList(), t =>
                t.Status == RbTaskStatus.Abandoned
                    ? $"Task {t.Alias} cannot be resubmitted: {Is(t)} and never renders again."
                : t.Status == RbTaskStatus.Submitting || t.Status == RbTaskStatus.SubmitFailed
                    ? $"Task {t.Alias} cannot be resubmitted: {Is(t)}."
                : null);
            foreach (var t in tasks) Requeue(t, statuses, null);
            return null;
        }

        /// <summary>Renders again the task's frames in <paramref name="statuses"/> (those <paramref name="which"/>
        /// picks).</summary>
        internal static void Requeue(EmuTask t, RbFrameStatus[] statuses, Func<EmuFrame, bool>? which)
        {
            var changed = false;
            foreach (var leaf in t.SelfAndDescendants())
            {
                var again = leaf.Frames.Where(f => f.Status != Rendering && statuses.Contains(f.Status)
                    && (which == null || which(f))).ToList();
                foreach (var f in again) EmuFarm.Requeue(f);
                if (again.Count == 0) continue;
                changed = true;
                for (var x = leaf; x != null; x = x.Parent)
                {
                    if (!EmuFarm.IsActive(x.Status)) x.Status = RbTaskStatus.Waiting;
                }
            }
            // the sub-tasks left alone take the status their frames give (a photon pass whose frame is done is
            // finished,
            // so the passes that wait for it can start)
            if (changed)
            {
                foreach (var x in t.SelfAndDescendants().Where(x => x.Frames.Count > 0 && Finished.Contains(x.Status)))
                    x.Status = EmuFarm.Derive(x.Frames, x.Status);
            }
        }

        private static JsonNode? UserLevel(EmuRequest r)
        {
            var level = r.ReqInt("taskUserLevel");
            if (level != 50 && level != 60) throw new EmuError(
                RbCodes.ParameterInvalid, $"taskUserLevel {level} is not 50 or 60.");
            foreach (
                var x in Live(r, new[] { r.ReqLong("taskId") })
                .SelectMany(t => t.SelfAndDescendants())) x.UserLevel = level;
            return null;
        }

        private static JsonNode? OverTime(EmuRequest r)
        {
            var seconds = r.ReqInt("overTime");
            if (seconds < 1) throw new EmuError(
                RbCodes.ParameterInvalid, $"overTime {seconds} must be 1 second or more.");
            foreach (var x in Live(r, r.IdList()).SelectMany(t => t.SelfAndDescendants())) x.OverTimeSec = seconds;
            return "SUCCESS";
        }

        private static JsonNode? TaskLimit(EmuRequest r)
        {
            var limit = r.ReqInt("taskLimit");
            if (limit < 1) throw new EmuError(RbCodes.ParameterInvalid, $"taskLimit {limit} must be 1 or more.");
            foreach (
                var x in Live(r, new[] { r.ReqLong("taskId") })
                .SelectMany(t => t.SelfAndDescendants())) x.TaskLimit = limit;
            return null;
        }

        private static JsonNode? FullSpeed(EmuRequest r)
        {
            var tasks = Live(
                r, r.IdList(), t => t.Status == RbTaskStatus.Abandoned
                ? $"Task {t.Alias} cannot render at full speed: {Is(t)}." : null);
            foreach (var x in tasks.SelectMany(t => t.SelfAndDescendants())) x.FullSpeed = true;
            return "成功";
        }

        private static JsonNode? EditHardware(EmuRequest r)
        {
            var configIds = r.LongList("hardwareConfigId", required: true);
            var model = r.OptStr("model") ?? throw EmuRequest.Missing("model");
            var ram = r.ReqStr("ram");
            if (!r.Has("gpuNum")) throw EmuRequest.Missing("gpuNum");
            var config = Configs.FirstOrDefault(c => c.Id == configIds[0] && c.Status == 1)
                ?? throw new EmuError(
                    RbCodes.ParameterInvalid,
                    $"hardwareConfigId {configIds[0]} is not an enabled configuration of this platform.");
            if (!string.Equals(model, config.Model, StringComparison.Ordinal) || !string.Equals(
                ram, config.Ram, StringComparison.Ordinal))
                throw new EmuError(
                    RbCodes.ParameterInvalid,
                    $"model '{model}' and ram '{ram}' do not match hardware configuration {config.Id} ({config.Model}, {config.Ram}).");
            var tasks = Live(r, r.IdList(), t => config.NotSupported.Contains(t.CgId)
                ? $"Task {t.Alias} cannot use hardware configuration {config.Id} ({config.Model}): it does not render software {t.CgId}." : null);
            foreach (var x in tasks.SelectMany(t => t.SelfAndDescendants()))
            {
                x.HardwareConfigId = config.Id;
                x.Ram = config.RamGb;
                foreach (var f in x.Frames) f.Ram = config.RamGb;
            }
            return null;
        }

        private static JsonNode HardwareList(EmuRequest r)
        {
            var ids = r.LongList("taskIds", required: false);
            EmuTask? task = null;
            if (ids.Length > 0 && !r.Store.ById.TryGetValue(ids[0], out task)) throw new EmuError(
                RbCodes.Fail, $"Task {ids[0]} does not exist.");
            var current = task == null ? (int?)null : task.HardwareConfigId ?? (task.Ram == 128 ? 303 : 301);
            return new JsonArray(Configs.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = c.Type,
                ["model"] = c.Model,
                ["gpuNum"] = c.GpuNum,
                ["ram"] = c.Ram,
                ["platform"] = r.Store.Platform,
                ["current"] = c.Id == current,
                ["notSupportCgId"] = new JsonArray(c.NotSupported.Select(x => (JsonNode)x).ToArray()),
                ["status"] = c.Status,
            }).ToArray());
        }

        private static JsonNode? AddLabel(EmuRequest r)
        {
            var name = r.ReqStr("label").Trim();
            if (name.Length > 64) throw new EmuError(RbCodes.ParameterInvalid, "label is longer than 64 characters.");
            var tasks = Live(r, r.IdList());
            var id = r.Store.LabelId(name);
            foreach (var t in tasks) t.Labels[id] = name;
            return null;
        }

        private static JsonNode? DeleteLabel(EmuRequest r)
        {
            var labelIds = r.LongList("labelIds", required: true);
            var known = new HashSet<long>(r.Store.LabelIds.Values);
            var unknown = labelIds.FirstOrDefault(id => !known.Contains(id));
            if (unknown != 0) throw new EmuError(RbCodes.Fail, $"Label {unknown} does not exist.");
            var taskIds = r.LongList("taskIds", required: false);
            if (taskIds.Length > r.Op.MaxIds) throw new EmuError(
                RbCodes.ParameterInvalid,
                $"taskIds holds {taskIds.Length} ids; at most {r.Op.MaxIds} are allowed in one call.");
            var tasks = taskIds.Length > 0 ? Live(r, taskIds) : r.Store.ById.Values.ToList();
            foreach (var t in tasks)
            {
                foreach (var id in labelIds) t.Labels.Remove(id);
            }
            return null;
        }
    }
}
