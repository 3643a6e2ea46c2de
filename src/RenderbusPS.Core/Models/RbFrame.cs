using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>One frame (or frame block) of a task.</summary>
    public sealed class RbFrame
    {
        /// <summary>The frame's id (frame cmdlets take it by this name; <c>Id</c> is kept for tasks).</summary>
        [RbKey(RbKind.Frame)]
        [JsonPropertyName("id")]
        public long FrameId { get; set; }
        /// <summary>The task (or sub-task) the frame belongs to: what a task cmdlet acts on when a frame is piped to
        /// it.</summary>
        [RbKey(RbKind.Task)]
        [JsonPropertyName("taskId")]
        public long TaskId { get; set; }
        /// <summary>Frame label; a node that renders several frames shows a range such as 2-4[1].</summary>
        [JsonPropertyName("frameIndex")]
        public string? FrameIndex { get; set; }
        [JsonPropertyName("frameBlock")]
        public string? Block { get; set; }
        [JsonPropertyName("frameStatus")]
        public RbFrameStatus Status { get; set; }
        [JsonPropertyName("frameType")]
        public RbFrameType Type { get; set; }
        /// <summary>Balance deducted (<c>feeAmount</c>).</summary>
        [JsonPropertyName("feeAmount")]
        public decimal Cost { get; set; }
        [JsonPropertyName("couponFee")]
        public decimal CouponCost { get; set; }
        [JsonPropertyName("arrearsFee")]
        public decimal Arrears { get; set; }
        [JsonPropertyName("startTime")]
        public DateTimeOffset? StartedAt { get; set; }
        [JsonPropertyName("endTime")]
        public DateTimeOffset? EndedAt { get; set; }
        [JsonPropertyName("frameExecuteTime")]
        public TimeSpan? Duration { get; set; }
        /// <summary>How many times the frame was resubmitted.</summary>
        [JsonPropertyName("recommitFlag")]
        public int RecommitCount { get; set; }
        [JsonPropertyName("frameRam")]
        public int? RamGb { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"Frame {FrameIndex} of task {TaskId} ({Status})";
    }
}
