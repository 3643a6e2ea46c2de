using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RenderbusPS.Core;

using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>A frame as the farm keeps it.</summary>
    internal sealed class EmuFrame
    {
        public long Id;
        public long TaskId;
        public string FrameIndex = "";
        public int Block;
        public RbFrameStatus Status;
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

        private static readonly EmuJson.StatusTexts StatusTexts = new EmuJson.StatusTexts("task_frame_status_");
        private static readonly JsonEncodedText IdName = EmuJson.Name("id"), UserIdName = EmuJson.Name("userId"),
            FramePriceName = EmuJson.Name("framePrice"), FeeTypeName = EmuJson.Name("feeType"),
                PlatformName = EmuJson.Name("platform"),
            FrameIndexName = EmuJson.Name("frameIndex"), FrameStatusName = EmuJson.Name("frameStatus"),
                FeeAmountName = EmuJson.Name("feeAmount"),
            StartTimeName = EmuJson.Name("startTime"), EndTimeName = EmuJson.Name("endTime"),
                ExecuteTimeName = EmuJson.Name("frameExecuteTime"),
            StatusTextName = EmuJson.Name("frameStatusText"), ArrearsFeeName = EmuJson.Name("arrearsFee"),
                MunuJobIdName = EmuJson.Name("munuJobId"),
            TaskIdName = EmuJson.Name("taskId"), MunuTaskIdName = EmuJson.Name("munuTaskId"),
                FrameTypeName = EmuJson.Name("frameType"),
            CouponFeeName = EmuJson.Name("couponFee"), RecommitName = EmuJson.Name("recommitFlag"),
                IsCopyName = EmuJson.Name("isCopy"),
            FrameBlockName = EmuJson.Name("frameBlock"), OverTimeName = EmuJson.Name("taskOverTime"),
                GopName = EmuJson.Name("gopName"),
            FrameRamName = EmuJson.Name("frameRam");

        /// <summary>The frame as queryTaskFrames lists it.</summary>
        [MethodImpl(EmuJit.Optimized)]
        public void WriteJson(Utf8JsonWriter w, int platform)
        {
            var block = Block.ToString(CultureInfo.InvariantCulture);
            w.WriteStartObject();
            w.WriteNumber(IdName, Id);
            w.WriteNull(UserIdName);
            w.WriteNull(FramePriceName);
            w.WriteNumber(FeeTypeName, 0);
            w.WriteNumber(PlatformName, platform);
            w.WriteString(FrameIndexName, FrameIndex);
            w.WriteNumber(FrameStatusName, (int)Status);
            w.WriteNumber(FeeAmountName, Fee);
            EmuJson.Number(w, StartTimeName, StartMs);
            EmuJson.Number(w, EndTimeName, EndMs);
            EmuJson.Number(w, ExecuteTimeName, ExecSec);
            w.WriteString(StatusTextName, StatusTexts[(int)Status]);
            w.WriteNull(ArrearsFeeName);
            w.WriteString(MunuJobIdName, block);
            w.WriteNumber(TaskIdName, TaskId);
            w.WriteString(MunuTaskIdName, MunuTaskId);
            w.WriteNumber(FrameTypeName, Type);
            w.WriteNumber(CouponFeeName, Coupon);
            w.WriteNumber(RecommitName, Recommit);
            w.WriteNull(IsCopyName);
            w.WriteString(FrameBlockName, block);
            w.WriteNumber(OverTimeName, 86400000);
            w.WriteNull(GopName);
            EmuJson.Number(w, FrameRamName, Ram);
            w.WriteEndObject();
        }
    }

    /// <summary>A task (top-level or sub-task) as the farm keeps it.</summary>
    internal sealed class EmuTask
    {
        public long Id;
        public EmuTask? Parent;
        public string Alias = "";
        public RbTaskStatus Status;
        public RbTaskStatus? PreStatus;
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
        /// <summary>Seconds a frame may render before the task stops on time-out
        /// (<c>setTaskOverTimeStop</c>).</summary>
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
        /// <summary>A leaf the farm last saw idle: its clock reads the last time it was looked at (see
        /// EmuFarm.IdleLeaves).</summary>
        public bool Parked;
        /// <summary>An active pass that waits for its photon pass, which has not ended: ticks need not walk it for
        /// itself.</summary>
        public bool Gated;
        public readonly List<EmuTask> Children = new List<EmuTask>();
        public readonly List<EmuFrame> Frames = new List<EmuFrame>();
        /// <summary>task.json, upload.json, asset.json, tips.json as uploaded (taskJsonFile), by name.</summary>
        public readonly Dictionary<string, string> JsonFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Analysis or render error code of a failed task (<c>errorCode</c>), see
        /// <see cref="EmuErrorCatalog"/>.</summary>
        public string? ErrorCode;
        /// <summary>The task this one was cloned from (<c>cloneOriginalId</c>).</summary>
        public long CloneOriginalId;
        /// <summary>Made by createTask and not submitted yet: the only state submitTask accepts.</summary>
        public bool AwaitingSubmit;
        /// <summary>The third party's user id given at createTask (<c>outUserId</c>).</summary>
        public long? OutUserId;
        /// <summary>Hardware configuration chosen with <c>editTaskHardwareConfig</c>; null: the platform's
        /// default.</summary>
        public int? HardwareConfigId;
        /// <summary>The task's labels, label id to name (<c>addTaskLabel</c>/<c>deleteTaskLabel</c>).</summary>
        public readonly SortedDictionary<long, string> Labels = new SortedDictionary<long, string>();

        /// <summary>Frames of this task and of every sub-task.</summary>
        public IEnumerable<EmuFrame> AllFrames() => Frames.Concat(Children.SelectMany(c => c.AllFrames()));

        public IEnumerable<EmuTask> SelfAndDescendants() => new[] { this }.Concat(
            Children.SelectMany(c => c.SelfAndDescendants()));

        private static readonly EmuJson.StatusTexts StatusTexts = new EmuJson.StatusTexts("render_task_status_");
        private static readonly JsonEncodedText SceneNameName = EmuJson.Name("sceneName"), IdName = EmuJson.Name("id"),
            AliasName = EmuJson.Name("taskAlias"), StatusName = EmuJson.Name("taskStatus"),
                StatusTextName = EmuJson.Name("statusText"),
            PreStatusName = EmuJson.Name("preTaskStatus"), PreStatusTextName = EmuJson.Name("preStatusText"),
            TotalFramesName = EmuJson.Name("totalFrames"), AbortFramesName = EmuJson.Name("abortFrames"),
            ExecutingFramesName = EmuJson.Name("executingFrames"), DoneFramesName = EmuJson.Name("doneFrames"),
            FailedFramesName = EmuJson.Name("failedFrames"), FramesRangeName = EmuJson.Name("framesRange"),
            ProjectNameName = EmuJson.Name("projectName"), RenderConsumeName = EmuJson.Name("renderConsume"),
            ArrearsName = EmuJson.Name("taskArrears"), SubmitDateName = EmuJson.Name("submitDate"),
                StartTimeName = EmuJson.Name("startTime"),
            CompletedDateName = EmuJson.Name("completedDate"), RenderDurationName = EmuJson.Name("renderDuration"),
            UserNameName = EmuJson.Name("userName"), ProducerName = EmuJson.Name("producer"),
                TaskLevelName = EmuJson.Name("taskLevel"),
            UserLevelName = EmuJson.Name("taskUserLevel"), TaskLimitName = EmuJson.Name("taskLimit"),
                OverTimeName = EmuJson.Name("taskOverTime"),
            OverTimeStopName = EmuJson.Name("overTimeStop"), UserIdName = EmuJson.Name("userId"),
                OutputFileName = EmuJson.Name("outputFileName"),
            MunuTaskIdName = EmuJson.Name("munuTaskId"), LayerParentIdName = EmuJson.Name("layerParentId"),
                CgIdName = EmuJson.Name("cgId"),
            KeyValueName = EmuJson.Name("taskKeyValueVo"), TilesName = EmuJson.Name("tiles"),
                AllCameraName = EmuJson.Name("allCamera"),
            RenderableCameraName = EmuJson.Name("renderableCamera"),
                AccountConsumeName = EmuJson.Name("userAccountConsume"),
            CouponConsumeName = EmuJson.Name("couponConsume"), IsOpenName = EmuJson.Name("isOpen"),
                TaskTypeName = EmuJson.Name("taskType"),
            RenderCameraName = EmuJson.Name("renderCamera"), CloneParentIdName = EmuJson.Name("cloneParentId"),
            CloneOriginalIdName = EmuJson.Name("cloneOriginalId"),
                ShareMainCapitalName = EmuJson.Name("shareMainCapital"),
            TaskRamName = EmuJson.Name("taskRam"), SubTasksName = EmuJson.Name("respRenderingTaskList"),
                LayerNameName = EmuJson.Name("layerName"),
            TaskTypeTextName = EmuJson.Name("taskTypeText"), IsDeleteName = EmuJson.Name("isDelete"),
                ErrorCodeName = EmuJson.Name("errorCode"),
            LabelsName = EmuJson.Name("labels");

        /// <summary>What a task's frames (its sub-tasks' included) add up to, as the task's JSON shows it.</summary>
        private struct FrameSums
        {
            public int Count, Stopped, Rendering, Done, Failed;
            public long Started, Ended, Duration;
            public bool AnyStarted, AnyEnded;
            public decimal Fee, Coupon;

            [MethodImpl(EmuJit.Optimized)]
            public void Add(EmuTask task)
            {
                var frames = task.Frames;
                for (var i = 0; i < frames.Count; i++)
                {
                    var f = frames[i];
                    Count++;
                    switch (f.Status)
                    {
                        case RbFrameStatus.Rendering: Rendering++; break;
                        case RbFrameStatus.Stopped: Stopped++; break;
                        case RbFrameStatus.Finished: Done++; break;
                        case RbFrameStatus.Failed: Failed++; break;
                    }
                    if (f.StartMs.HasValue)
                    {
                        Started = AnyStarted ? Math.Min(Started, f.StartMs.Value) : f.StartMs.Value;
                        AnyStarted = true;
                    }
                    if (f.EndMs.HasValue)
                    {
                        Ended = AnyEnded ? Math.Max(Ended, f.EndMs.Value) : f.EndMs.Value;
                        AnyEnded = true;
                    }
                    Fee += f.Fee;
                    Coupon += f.Coupon;
                    checked { Duration += f.ExecSec ?? 0; }
                }
                for (var i = 0; i < task.Children.Count; i++) Add(task.Children[i]);
            }
        }

        /// <summary>The task as getTaskList and queryTaskInfo list it, its sub-tasks inside.</summary>
        [MethodImpl(EmuJit.Optimized)]
        public void WriteJson(Utf8JsonWriter w, int platform)
        {
            var sums = new FrameSums();
            sums.Add(this);
            var started = sums.AnyStarted ? sums.Started : 0;
            var ended = sums.AnyEnded ? sums.Ended : 0;
            var finished = Status == RbTaskStatus.Finished || Status == RbTaskStatus.FinishedWithFailedFrames
                || Status == RbTaskStatus.TestFinished || Status == RbTaskStatus.Failed
                || Status == RbTaskStatus.FinishedWithStoppedFrames;
            w.WriteStartObject();
            w.WriteString(SceneNameName, SceneName);
            w.WriteNumber(IdName, Id);
            w.WriteString(AliasName, Alias);
            w.WriteNumber(StatusName, (int)Status);
            w.WriteString(StatusTextName, StatusTexts[(int)Status]);
            EmuJson.Number(w, PreStatusName, (int?)PreStatus);
            w.WriteString(PreStatusTextName, PreStatus.HasValue ? StatusTexts[(int)PreStatus.Value] : null);
            w.WriteNumber(TotalFramesName, sums.Count);
            w.WriteNumber(AbortFramesName, sums.Stopped);
            w.WriteNumber(ExecutingFramesName, sums.Rendering);
            w.WriteNumber(DoneFramesName, sums.Done);
            w.WriteNumber(FailedFramesName, sums.Failed);
            w.WriteString(FramesRangeName, FramesRange);
            w.WriteString(ProjectNameName, ProjectName);
            w.WriteNumber(RenderConsumeName, sums.Fee + sums.Coupon);
            w.WriteNumber(ArrearsName, Status == RbTaskStatus.ArrearsStopped ? Math.Round(sums.Fee * 0.1m, 2) : 0m);
            w.WriteNumber(SubmitDateName, SubmitMs);
            EmuJson.Number(w, StartTimeName, started > 0 ? started : (long?)null);
            EmuJson.Number(w, CompletedDateName, finished && ended > 0 ? ended : (long?)null);
            EmuJson.Number(w, RenderDurationName, sums.Duration > 0 ? sums.Duration : (long?)null);
            w.WriteString(UserNameName, UserName);
            w.WriteString(ProducerName, Producer);
            w.WriteNumber(TaskLevelName, TaskLevel);
            w.WriteNumber(UserLevelName, UserLevel);
            EmuJson.Number(w, TaskLimitName, TaskLimit);
            w.WriteNumber(OverTimeName, OverTimeSec);
            w.WriteNumber(OverTimeStopName, OverTimeSec);
            w.WriteNumber(UserIdName, UserId);
            w.WriteString(OutputFileName, OutputFile());
            w.WriteString(MunuTaskIdName, MunuTaskId);
            w.WriteNumber(LayerParentIdName, Parent?.Id ?? 0);
            w.WriteNumber(CgIdName, CgId);
            w.WriteStartObject(KeyValueName);
            w.WriteNull(TilesName);
            w.WriteString(AllCameraName, Camera);
            w.WriteString(RenderableCameraName, Camera);
            w.WriteEndObject();
            w.WriteNumber(AccountConsumeName, sums.Fee);
            w.WriteNumber(CouponConsumeName, sums.Coupon);
            w.WriteNumber(IsOpenName, Children.Count > 0 ? 1 : 0);
            w.WriteString(TaskTypeName, TaskType);
            w.WriteString(RenderCameraName, Camera);
            w.WriteNumber(CloneParentIdName, 0);
            w.WriteNumber(CloneOriginalIdName, CloneOriginalId);
            w.WriteNumber(ShareMainCapitalName, 0);
            EmuJson.Number(w, TaskRamName, Ram);
            if (Children.Count == 0) w.WriteNull(SubTasksName);
            else
            {
                w.WriteStartArray(SubTasksName);
                for (var i = 0; i < Children.Count; i++) Children[i].WriteJson(w, platform);
                w.WriteEndArray();
            }
            w.WriteString(LayerNameName, LayerName);
            w.WriteString(
                TaskTypeTextName, TaskType == "RenderPhoton" ? "render_photons_task" : TaskType.Length > 0
                ? "render_major_picture_task" : null);
            w.WriteNumber(IsDeleteName, Deleted ? 0 : 1);
            w.WriteString(
                ErrorCodeName, ErrorCode ?? (
                Status == RbTaskStatus.Failed || Status == RbTaskStatus.FinishedWithFailedFrames
                ? EmuErrorCatalog.RenderFailed : null));
            // as the service sends it: JSON text of an object from label id to name
            w.WriteString(LabelsName, LabelsJson());
            w.WriteEndObject();
        }

        private string? outputFile;
        private string? outputFileScene;

        /// <summary>The name the task's output files go under, made again only when the scene changes (submitTask sets
        /// it).</summary>
        private string OutputFile()
        {
            if (outputFile == null || !ReferenceEquals(outputFileScene, SceneName))
            {
                outputFile = Id + "_" + System.IO.Path.GetFileNameWithoutExtension(SceneName);
                outputFileScene = SceneName;
            }
            return outputFile;
        }

        private string LabelsJson()
        {
            if (Labels.Count == 0) return "{}";
            var text = new System.IO.MemoryStream();
            using (var w = new Utf8JsonWriter(text))
            {
                w.WriteStartObject();
                foreach (var label in Labels) w.WriteString(
                    label.Key.ToString(CultureInfo.InvariantCulture), label.Value);
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        }
    }
}
