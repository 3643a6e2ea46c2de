using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>A frame as the farm keeps it.</summary>
    internal sealed class EmuFrame
    {
        public long Id;
        public long TaskId;
        public string FrameIndex = "";
        public int Block;
        public int Status;
        public int Type = 5;
        public decimal Fee;
        public decimal Coupon;
        public long? StartMs;
        public long? EndMs;
        public int Recommit;
        public int? Ram;
        public string MunuTaskId = "";
        /// <summary>Render time of the current run, fixed when the frame starts (see <see cref="EmuFarm"/>).</summary>
        public long PlannedMs;

        public long? ExecSec => StartMs.HasValue && EndMs.HasValue ? (EndMs - StartMs) / 1000 : (long?)null;

        public JsonObject ToJson(int platform) => new JsonObject
        {
            ["id"] = Id,
            ["userId"] = null,
            ["framePrice"] = null,
            ["feeType"] = 0,
            ["platform"] = platform,
            ["frameIndex"] = FrameIndex,
            ["frameStatus"] = Status,
            ["feeAmount"] = Fee,
            ["startTime"] = StartMs,
            ["endTime"] = EndMs,
            ["frameExecuteTime"] = ExecSec,
            ["frameStatusText"] = "task_frame_status_" + Status,
            ["arrearsFee"] = null,
            ["munuJobId"] = Block.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["taskId"] = TaskId,
            ["munuTaskId"] = MunuTaskId,
            ["frameType"] = Type,
            ["couponFee"] = Coupon,
            ["recommitFlag"] = Recommit,
            ["isCopy"] = null,
            ["frameBlock"] = Block.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["taskOverTime"] = 86400000,
            ["gopName"] = null,
            ["frameRam"] = Ram,
        };
    }

    /// <summary>A task (top-level or sub-task) as the farm keeps it.</summary>
    internal sealed class EmuTask
    {
        public long Id;
        public EmuTask? Parent;
        public string Alias = "";
        public int Status;
        public int? PreStatus;
        public string SceneName = "";
        public string ProjectName = "";
        public int CgId;
        public string TaskType = "";
        public string? LayerName;
        public string Camera = "";
        public string FramesRange = "";
        public long SubmitMs;
        public string UserName = "";
        public long UserId;
        public string? Producer;
        public int TaskLevel;
        public int UserLevel;
        public int? TaskLimit;
        public bool Deleted;
        public int? Ram;
        public string MunuTaskId = "";
        /// <summary>Seconds a frame may render before the task stops on time-out (<c>setTaskOverTimeStop</c>).</summary>
        public int OverTimeSec = 86400;
        /// <summary>Rendering on as many nodes as the farm gives (<c>fullSpeedRendering</c>).</summary>
        public bool FullSpeed;
        /// <summary>Farm clock this task was last brought up to.</summary>
        public long SimMs;
        /// <summary>When a waiting, preprocessing or analysing task gets its nodes.</summary>
        public long ReadyMs;
        /// <summary>Nothing happens to this task before this time (a cache; any change resets it).</summary>
        public long NextEventMs = long.MinValue;
        /// <summary>The store's change count when NextEventMs was worked out; a later change makes it stale.</summary>
        public long SeenVersion = -1;
        /// <summary>A top-level task in <see cref="EmuStore.Busy"/>: the farm's ticks walk it.</summary>
        public bool InBusySet;
        public readonly List<EmuTask> Children = new List<EmuTask>();
        public readonly List<EmuFrame> Frames = new List<EmuFrame>();
        /// <summary>task.json, upload.json, asset.json, tips.json as uploaded (taskJsonFile), by name.</summary>
        public readonly Dictionary<string, string> JsonFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Analysis or render error code of a failed task (<c>errorCode</c>), see <see cref="EmuErrorCatalog"/>.</summary>
        public string? ErrorCode;
        /// <summary>The task this one was cloned from (<c>cloneOriginalId</c>).</summary>
        public long CloneOriginalId;
        /// <summary>Made by createTask and not submitted yet: the only state submitTask accepts.</summary>
        public bool AwaitingSubmit;
        /// <summary>The third party's user id given at createTask (<c>outUserId</c>).</summary>
        public long? OutUserId;
        /// <summary>Hardware configuration chosen with <c>editTaskHardwareConfig</c>; null: the platform's default.</summary>
        public int? HardwareConfigId;
        /// <summary>The task's labels, label id to name (<c>addTaskLabel</c>/<c>deleteTaskLabel</c>).</summary>
        public readonly SortedDictionary<long, string> Labels = new SortedDictionary<long, string>();

        /// <summary>Frames of this task and of every sub-task.</summary>
        public IEnumerable<EmuFrame> AllFrames() => Frames.Concat(Children.SelectMany(c => c.AllFrames()));

        public IEnumerable<EmuTask> SelfAndDescendants() => new[] { this }.Concat(Children.SelectMany(c => c.SelfAndDescendants()));

        public JsonObject ToJson(int platform)
        {
            var frames = AllFrames().ToList();
            var started = frames.Where(f => f.StartMs.HasValue).Select(f => f.StartMs!.Value).DefaultIfEmpty(0).Min();
            var finished = Status == 25 || Status == 30 || Status == 40 || Status == 45 || Status == 70;
            var ended = frames.Where(f => f.EndMs.HasValue).Select(f => f.EndMs!.Value).DefaultIfEmpty(0).Max();
            var fee = frames.Sum(f => f.Fee);
            var coupon = frames.Sum(f => f.Coupon);
            var duration = frames.Sum(f => f.ExecSec ?? 0);
            int Count(int frameStatus) => frames.Count(f => f.Status == frameStatus);
            return new JsonObject
            {
                ["sceneName"] = SceneName,
                ["id"] = Id,
                ["taskAlias"] = Alias,
                ["taskStatus"] = Status,
                ["statusText"] = "render_task_status_" + Status,
                ["preTaskStatus"] = PreStatus,
                ["preStatusText"] = PreStatus.HasValue ? "render_task_status_" + PreStatus : null,
                ["totalFrames"] = frames.Count,
                ["abortFrames"] = Count(3),
                ["executingFrames"] = Count(2),
                ["doneFrames"] = Count(4),
                ["failedFrames"] = Count(5),
                ["framesRange"] = FramesRange,
                ["projectName"] = ProjectName,
                ["renderConsume"] = fee + coupon,
                ["taskArrears"] = Status == 20 ? Math.Round(fee * 0.1m, 2) : 0m,
                ["submitDate"] = SubmitMs,
                ["startTime"] = started > 0 ? started : (long?)null,
                ["completedDate"] = finished && ended > 0 ? ended : (long?)null,
                ["renderDuration"] = duration > 0 ? duration : (long?)null,
                ["userName"] = UserName,
                ["producer"] = Producer,
                ["taskLevel"] = TaskLevel,
                ["taskUserLevel"] = UserLevel,
                ["taskLimit"] = TaskLimit,
                ["taskOverTime"] = OverTimeSec,
                ["overTimeStop"] = OverTimeSec,
                ["userId"] = UserId,
                ["outputFileName"] = Id + "_" + System.IO.Path.GetFileNameWithoutExtension(SceneName),
                ["munuTaskId"] = MunuTaskId,
                ["layerParentId"] = Parent?.Id ?? 0,
                ["cgId"] = CgId,
                ["taskKeyValueVo"] = new JsonObject { ["tiles"] = null, ["allCamera"] = Camera, ["renderableCamera"] = Camera },
                ["userAccountConsume"] = fee,
                ["couponConsume"] = coupon,
                ["isOpen"] = Children.Count > 0 ? 1 : 0,
                ["taskType"] = TaskType,
                ["renderCamera"] = Camera,
                ["cloneParentId"] = 0,
                ["cloneOriginalId"] = CloneOriginalId,
                ["shareMainCapital"] = 0,
                ["taskRam"] = Ram,
                ["respRenderingTaskList"] = Children.Count == 0 ? null : new JsonArray(Children.Select(c => (JsonNode)c.ToJson(platform)).ToArray()),
                ["layerName"] = LayerName,
                ["taskTypeText"] = TaskType == "RenderPhoton" ? "render_photons_task" : TaskType.Length > 0 ? "render_major_picture_task" : null,
                ["isDelete"] = Deleted ? 0 : 1,
                ["errorCode"] = ErrorCode ?? (Status == 45 || Status == 30 ? EmuErrorCatalog.RenderFailed : null),
                // as the service sends it: JSON text of an object from label id to name
                ["labels"] = new JsonObject(Labels.Select(l => new KeyValuePair<string, JsonNode?>(l.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), l.Value))).ToJsonString(),
            };
        }
    }
}
