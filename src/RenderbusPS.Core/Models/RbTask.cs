using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderbusPS.Core.Paging;

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
        /// True when Status is a status the service sent for this task: false for a task PowerShell made from another object
        /// (a CSV row piped to Stop-RbTask) or an answer without <c>taskStatus</c>, whose Status is only the default.
        /// </summary>
        internal bool StatusIsRead { get; set; }

        /// <summary><c>taskStatus</c> as the wire gives it: sets <see cref="Status"/>, and whether it was read.</summary>
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
        /// <summary>The priority you give the task, 50 or 60 (<c>taskUserLevel</c>): what New-RbTask and Set-RbTask -Priority set.</summary>
        [JsonPropertyName("taskUserLevel")]
        public int? Priority { get; set; }
        /// <summary>The farm's own scheduling level for the task (<c>taskLevel</c>); you cannot set it.</summary>
        [JsonPropertyName("taskLevel")]
        public int? FarmPriority { get; set; }
        /// <summary>Most render nodes the task may use at once (<c>taskLimit</c>): what Set-RbTask -MachineLimit sets.</summary>
        [JsonPropertyName("taskLimit")]
        public int? MachineLimit { get; set; }
        /// <summary>A frame rendering longer than this stops the task (<c>overTimeStop</c>, seconds); set with Set-RbTask -TimeoutStop.</summary>
        [JsonPropertyName("overTimeStop"), JsonConverter(typeof(RbWireLimit))]
        public TimeSpan? TimeoutStop { get; set; }
        /// <summary>Render memory of the task's hardware, in GB (<c>taskRam</c>); follows Set-RbTask -HardwareConfig.</summary>
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
        /// The analysis or render error code of a failed task (<c>errorCode</c>), for Get-RbErrorDetail; null when none. The protocol documents
        /// do not list this field on task items (only the old API 2.0 has <c>error_code</c>); the emulator sends it, the live service may not.
        /// </summary>
        [RbKey(RbKind.ErrorCode)]
        [JsonPropertyName("errorCode"), JsonConverter(typeof(RbWireCode))]
        public string? ErrorCode { get; set; }
        /// <summary>Every field the service sent that the properties above do not name.</summary>
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Alias ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} {SceneName} ({Status})";

        internal static RbTask FromWire(JsonElement element) => Wire.Read(element);

        /// <summary>A task (with its sub-tasks) from the value the reader is on, consuming it.</summary>
        internal static RbTask Read(ref Utf8JsonReader reader) => Wire.Read(ref reader);

        /// <summary>A page of getTaskList straight from the answer's bytes (the reader on its <c>data</c>).</summary>
        internal static RbPage<RbTask> ReadPage(ref Utf8JsonReader reader, int requestedPage)
            => ReadByHand ? Wire.ReadPage(ref reader, requestedPage) : RbWire.Page<RbTask>(ref reader, requestedPage);

        /// <summary>For the A/B of the benchmark README: task pages by the hand-written binder (RB_WIRE_READER=hand).</summary>
        internal static bool ReadByHand = Environment.GetEnvironmentVariable("RB_WIRE_READER") == "hand";

        private static readonly WireBinder<RbTask> Wire = new WireBinder<RbTask>(() => new RbTask(), (t, extra) => t.Extra = extra)
            .Long("id", (t, v) => t.Id = v ?? 0)
            .Str("taskAlias", (t, v) => t.Alias = v)
            .Int("taskStatus", (t, v) =>
            {
                t.Status = (RbTaskStatus)(v ?? 0);
                t.StatusIsRead = v.HasValue;
            })
            .Str("sceneName", (t, v) => t.SceneName = v)
            .Str("projectName", (t, v) => t.ProjectName = v)
            .Int("cgId", (t, v) => t.SoftwareId = v)
            .Str("taskType", (t, v) => t.TaskType = v)
            .Str("layerName", (t, v) => t.LayerName = v)
            .Str("renderCamera", (t, v) => t.Camera = v)
            .Str("framesRange", (t, v) => t.FrameRange = v)
            .Int("totalFrames", (t, v) => t.TotalFrames = v ?? 0)
            .Int("doneFrames", (t, v) => t.DoneFrames = v ?? 0)
            .Int("failedFrames", (t, v) => t.FailedFrames = v ?? 0)
            .Int("executingFrames", (t, v) => t.ExecutingFrames = v ?? 0)
            .Int("abortFrames", (t, v) => t.AbortedFrames = v ?? 0)
            .Dec("renderConsume", (t, v) => t.Cost = v ?? 0)
            .Dec("userAccountConsume", (t, v) => t.AccountCost = v ?? 0)
            .Dec("couponConsume", (t, v) => t.CouponCost = v ?? 0)
            .Dec("taskArrears", (t, v) => t.Arrears = v ?? 0)
            .EpochMs("submitDate", (t, v) => t.SubmittedAt = v)
            .EpochMs("startTime", (t, v) => t.StartedAt = v)
            .EpochMs("completedDate", (t, v) => t.CompletedAt = v)
            .Long("renderDuration", (t, v) => t.RenderDuration = v is long s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null)
            .Str("userName", (t, v) => t.UserName = v)
            .Long("userId", (t, v) => t.UserId = v)
            .Str("producer", (t, v) => t.Producer = v)
            .Int("taskUserLevel", (t, v) => t.Priority = v)
            .Int("taskLevel", (t, v) => t.FarmPriority = v)
            .Int("taskLimit", (t, v) => t.MachineLimit = v)
            .Long("overTimeStop", (t, v) => t.TimeoutStop = v is long stop && stop > 0 ? TimeSpan.FromSeconds(stop) : (TimeSpan?)null)
            .Int("taskRam", (t, v) => t.Ram = v)
            .Value("labels", RbTaskLabel.ListFromWire, RbTaskLabel.ListFromWire, (t, v) => t.Labels = v)
            .Long("layerParentId", (t, v) => t.ParentId = v > 0 ? v : null)
            .Str("outputFileName", (t, v) => t.OutputFileName = v)
            // isDelete: 0 deleted, 1 not deleted
            .Long("isDelete", (t, v) => t.IsDeleted = v == 0)
            .List("respRenderingTaskList", (t, v) => t.SubTasks = v)
            .Str("errorCode", (t, v) => t.ErrorCode = v is string code && code.Length > 0 && code != "0" ? code : null);

        /// <summary>This task and every sub-task below it.</summary>
        public IEnumerable<RbTask> SelfAndSubTasks() => new[] { this }.Concat(SubTasks.SelectMany(t => t.SelfAndSubTasks()));
    }
}
