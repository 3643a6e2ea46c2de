using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>A render task (job) with its layer, photon and main sub-tasks.</summary>
    public sealed class RbTask
    {
        [RbKey(RbKind.Task)]
        [JsonPropertyName("id")]
        public long Id { get; set; }
        /// <summary>Platform + prefix + id, e.g. 2W19097.</summary>
        [RbKey(RbKind.Task)]
        [JsonPropertyName("taskAlias")]
        public string? Alias { get; set; }
        [JsonIgnore]
        public RbTaskStatus Status { get; set; }

        /// <summary>
        /// True when Status is a status the service sent for this task: false for a task PowerShell made from another
        /// object (a CSV row piped to Stop-RbTask) or an answer without <c>taskStatus</c>, whose Status is only the
        /// default.
        /// </summary>
        internal bool StatusIsRead { get; set; }

        /// <summary><c>taskStatus</c> as the wire gives it: sets <see cref="Status"/>, and whether it was
        /// read.</summary>
        [JsonInclude, JsonPropertyName("taskStatus")]
        internal int? WireStatus
        {
            get => StatusIsRead ? (int)Status : (int?)null;
            set
            {
                Status = (RbTaskStatus)(value ?? 0);
                StatusIsRead = value.HasValue;
            }
        }

        [JsonPropertyName("sceneName")]
        public string? SceneName { get; set; }
        [JsonPropertyName("projectName")]
        public string? ProjectName { get; set; }
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgId")]
        public int? SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        [JsonIgnore]
        public string? Software => RbSoftwareIds.NameOf(SoftwareId);
        /// <summary>Preprocessing, RenderPhoton, Render, GopRender…; empty for a parent task.</summary>
        [JsonPropertyName("taskType")]
        public string? TaskType { get; set; }
        [JsonPropertyName("layerName")]
        public string? LayerName { get; set; }
        [JsonPropertyName("renderCamera")]
        public string? Camera { get; set; }
        [JsonPropertyName("framesRange")]
        public string? FrameRange { get; set; }
        [JsonPropertyName("totalFrames")]
        public int TotalFrames { get; set; }
        [JsonPropertyName("doneFrames")]
        public int DoneFrames { get; set; }
        [JsonPropertyName("failedFrames")]
        public int FailedFrames { get; set; }
        [JsonPropertyName("executingFrames")]
        public int ExecutingFrames { get; set; }
        [JsonPropertyName("abortFrames")]
        public int AbortedFrames { get; set; }
        /// <summary>Done frames as a percentage of all frames (0 when the task has none yet).</summary>
        [JsonIgnore]
        public double Progress => TotalFrames > 0 ? Math.Round(100.0 * DoneFrames / TotalFrames, 1) : 0;
        /// <summary>Render cost (<c>renderConsume</c>).</summary>
        [JsonPropertyName("renderConsume")]
        public decimal Cost { get; set; }
        [JsonPropertyName("userAccountConsume")]
        public decimal AccountCost { get; set; }
        [JsonPropertyName("couponConsume")]
        public decimal CouponCost { get; set; }
        [JsonPropertyName("taskArrears")]
        public decimal Arrears { get; set; }
        [JsonPropertyName("submitDate")]
        public DateTimeOffset? SubmittedAt { get; set; }
        [JsonPropertyName("startTime")]
        public DateTimeOffset? StartedAt { get; set; }
        [JsonPropertyName("completedDate")]
        public DateTimeOffset? CompletedAt { get; set; }
        [JsonPropertyName("renderDuration")]
        public TimeSpan? RenderDuration { get; set; }
        [RbKey(RbKind.User)]
        [JsonPropertyName("userName")]
        public string? UserName { get; set; }
        [RbKey(RbKind.User)]
        [JsonPropertyName("userId")]
        public long? UserId { get; set; }
        [JsonPropertyName("producer")]
        public string? Producer { get; set; }
        /// <summary>The priority you give the task, 50 or 60 (<c>taskUserLevel</c>): what New-RbTask and Set-RbTask
        /// -Priority set.</summary>
        [JsonPropertyName("taskUserLevel")]
        public int? Priority { get; set; }
        /// <summary>The farm's own scheduling level for the task (<c>taskLevel</c>); you cannot set it.</summary>
        [JsonPropertyName("taskLevel")]
        public int? FarmPriority { get; set; }
        /// <summary>Most render nodes the task may use at once (<c>taskLimit</c>): what Set-RbTask -MachineLimit
        /// sets.</summary>
        [JsonPropertyName("taskLimit")]
        public int? MachineLimit { get; set; }
        /// <summary>A frame rendering longer than this stops the task (<c>overTimeStop</c>, seconds); set with
        /// Set-RbTask -TimeoutStop.</summary>
        [JsonPropertyName("overTimeStop"), JsonConverter(typeof(RbWireLimit))]
        public TimeSpan? TimeoutStop { get; set; }
        /// <summary>Render memory of the task's hardware, in GB (<c>taskRam</c>); follows Set-RbTask
        /// -HardwareConfig.</summary>
        [JsonPropertyName("taskRam")]
        public int? Ram { get; set; }
        /// <summary>The task's labels (<c>labels</c>).</summary>
        [JsonPropertyName("labels"), JsonConverter(typeof(RbWireLabels))]
        public IReadOnlyList<RbTaskLabel> Labels { get; set; } = Array.Empty<RbTaskLabel>();
        /// <summary>Id of the parent task for a sub-task; null for a top-level task.</summary>
        [RbKey(RbKind.Task)]
        [JsonPropertyName("layerParentId"), JsonConverter(typeof(RbWireId))]
        public long? ParentId { get; set; }
        [JsonPropertyName("outputFileName")]
        public string? OutputFileName { get; set; }
        /// <summary>True when the task is in the recycle bin.</summary>
        [JsonPropertyName("isDelete"), JsonConverter(typeof(RbWireZeroIsYes))]
        public bool IsDeleted { get; set; }
        [JsonPropertyName("respRenderingTaskList")]
        public IReadOnlyList<RbTask> SubTasks { get; set; } = Array.Empty<RbTask>();
        /// <summary>
        /// The analysis or render error code of a failed task (<c>errorCode</c>), for Get-RbErrorDetail; null when
        /// none. The protocol documents do not list this field on task items (only the old API 2.0 has
        /// <c>error_code</c>); the emulator sends it, the live service may not.
        /// </summary>
        [RbKey(RbKind.ErrorCode)]
        [JsonPropertyName("errorCode"), JsonConverter(typeof(RbWireCode))]
        public string? ErrorCode { get; set; }
        /// <summary>Every field the service sent that the properties above do not name.</summary>
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() =>
            $"{Alias ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} {SceneName} ({Status})";

        /// <summary>This task and every sub-task below it.</summary>
        public IEnumerable<RbTask> SelfAndSubTasks() => new[] { this }.Concat(
            SubTasks.SelectMany(t => t.SelfAndSubTasks()));
    }
}
