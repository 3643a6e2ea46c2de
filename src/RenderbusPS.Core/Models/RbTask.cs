using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>A render task (job) with its layer, photon and main sub-tasks.</summary>
    public sealed class RbTask
    {
        [RbKey(RbKind.Task)]
        public long Id { get; set; }
        /// <summary>Platform + prefix + id, e.g. 2W19097.</summary>
        [RbKey(RbKind.Task)]
        public string? Alias { get; set; }
        public RbTaskStatus Status { get; set; }
        public string? SceneName { get; set; }
        public string? ProjectName { get; set; }
        [RbKey(RbKind.Software)]
        public int? SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        public string? Software => RbSoftwareIds.NameOf(SoftwareId);
        /// <summary>Preprocessing, RenderPhoton, Render, GopRender…; empty for a parent task.</summary>
        public string? TaskType { get; set; }
        public string? LayerName { get; set; }
        public string? Camera { get; set; }
        public string? FrameRange { get; set; }
        public int TotalFrames { get; set; }
        public int DoneFrames { get; set; }
        public int FailedFrames { get; set; }
        public int ExecutingFrames { get; set; }
        public int AbortedFrames { get; set; }
        /// <summary>Done frames as a percentage of all frames (0 when the task has none yet).</summary>
        public double Progress => TotalFrames > 0 ? Math.Round(100.0 * DoneFrames / TotalFrames, 1) : 0;
        /// <summary>Render cost (<c>renderConsume</c>).</summary>
        public decimal Cost { get; set; }
        public decimal AccountCost { get; set; }
        public decimal CouponCost { get; set; }
        public decimal Arrears { get; set; }
        public DateTimeOffset? SubmittedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? CompletedAt { get; set; }
        public TimeSpan? RenderDuration { get; set; }
        [RbKey(RbKind.User)]
        public string? UserName { get; set; }
        [RbKey(RbKind.User)]
        public long? UserId { get; set; }
        public string? Producer { get; set; }
        /// <summary>The priority you give the task, 50 or 60 (<c>taskUserLevel</c>): what New-RbTask and Set-RbTask -Priority set.</summary>
        public int? Priority { get; set; }
        /// <summary>The farm's own scheduling level for the task (<c>taskLevel</c>); you cannot set it.</summary>
        public int? FarmPriority { get; set; }
        /// <summary>Most render nodes the task may use at once (<c>taskLimit</c>): what Set-RbTask -MachineLimit sets.</summary>
        public int? MachineLimit { get; set; }
        /// <summary>A frame rendering longer than this stops the task (<c>overTimeStop</c>, seconds); set with Set-RbTask -TimeoutStop.</summary>
        public TimeSpan? TimeoutStop { get; set; }
        /// <summary>Render memory of the task's hardware, in GB (<c>taskRam</c>); follows Set-RbTask -HardwareConfig.</summary>
        public int? Ram { get; set; }
        /// <summary>The task's labels (<c>labels</c>).</summary>
        public IReadOnlyList<RbTaskLabel> Labels { get; set; } = Array.Empty<RbTaskLabel>();
        /// <summary>Id of the parent task for a sub-task; null for a top-level task.</summary>
        [RbKey(RbKind.Task)]
        public long? ParentId { get; set; }
        public string? OutputFileName { get; set; }
        /// <summary>True when the task is in the recycle bin.</summary>
        public bool IsDeleted { get; set; }
        public IReadOnlyList<RbTask> SubTasks { get; set; } = Array.Empty<RbTask>();
        /// <summary>
        /// The analysis or render error code of a failed task (<c>errorCode</c>), for Get-RbErrorDetail; null when none. The protocol documents
        /// do not list this field on task items (only the old API 2.0 has <c>error_code</c>); the emulator sends it, the live service may not.
        /// </summary>
        [RbKey(RbKind.ErrorCode)]
        public string? ErrorCode { get; set; }
        /// <summary>Every field the service sent that the properties above do not name.</summary>
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Alias ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} {SceneName} ({Status})";

        internal static RbTask FromWire(JsonElement element)
        {
            var w = WireObject.For<RbTask>(element);
            var parent = w.Long("layerParentId");
            var task = new RbTask
            {
                Id = w.Long("id") ?? 0,
                Alias = w.Str("taskAlias"),
                Status = (RbTaskStatus)(w.Int("taskStatus") ?? 0),
                SceneName = w.Str("sceneName"),
                ProjectName = w.Str("projectName"),
                SoftwareId = w.Int("cgId"),
                TaskType = w.Str("taskType"),
                LayerName = w.Str("layerName"),
                Camera = w.Str("renderCamera"),
                FrameRange = w.Str("framesRange"),
                TotalFrames = w.Int("totalFrames") ?? 0,
                DoneFrames = w.Int("doneFrames") ?? 0,
                FailedFrames = w.Int("failedFrames") ?? 0,
                ExecutingFrames = w.Int("executingFrames") ?? 0,
                AbortedFrames = w.Int("abortFrames") ?? 0,
                Cost = w.Dec("renderConsume") ?? 0,
                AccountCost = w.Dec("userAccountConsume") ?? 0,
                CouponCost = w.Dec("couponConsume") ?? 0,
                Arrears = w.Dec("taskArrears") ?? 0,
                SubmittedAt = w.EpochMs("submitDate"),
                StartedAt = w.EpochMs("startTime"),
                CompletedAt = w.EpochMs("completedDate"),
                RenderDuration = w.Long("renderDuration") is long s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null,
                UserName = w.Str("userName"),
                UserId = w.Long("userId"),
                Producer = w.Str("producer"),
                Priority = w.Int("taskUserLevel"),
                FarmPriority = w.Int("taskLevel"),
                MachineLimit = w.Int("taskLimit"),
                TimeoutStop = w.Long("overTimeStop") is long stop && stop > 0 ? TimeSpan.FromSeconds(stop) : (TimeSpan?)null,
                Ram = w.Int("taskRam"),
                Labels = RbTaskLabel.ListFromWire(w.Raw("labels")),
                ParentId = parent.HasValue && parent.Value > 0 ? parent : null,
                OutputFileName = w.Str("outputFileName"),
                // isDelete: 0 deleted, 1 not deleted
                IsDeleted = w.Long("isDelete") == 0,
                SubTasks = w.List("respRenderingTaskList", FromWire),
                ErrorCode = w.Str("errorCode") is string code && code.Length > 0 && code != "0" ? code : null,
            };
            task.Extra = w.Rest();
            return task;
        }

        /// <summary>This task and every sub-task below it.</summary>
        public IEnumerable<RbTask> SelfAndSubTasks() => new[] { this }.Concat(SubTasks.SelectMany(t => t.SelfAndSubTasks()));
    }
}
