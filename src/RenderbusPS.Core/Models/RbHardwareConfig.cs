using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>A hardware configuration a platform offers (<c>hardwareConfig/list</c>): what Set-RbTask
    /// -HardwareConfig picks by id.</summary>
    public sealed class RbHardwareConfig
    {
        /// <summary>The configuration id (<c>id</c>, the wire's hardwareConfigId).</summary>
        [JsonPropertyName("id")]
        public int HardwareConfigId { get; set; }
        /// <summary>1 CPU, 2 GPU (<c>type</c>).</summary>
        [JsonPropertyName("type")]
        public int Type { get; set; }
        [JsonPropertyName("model")]
        public string? Model { get; set; }
        /// <summary>Memory as the service writes it, e.g. 64GB.</summary>
        [JsonPropertyName("ram")]
        public string? Ram { get; set; }
        /// <summary>GPU cards; null on a CPU platform.</summary>
        [JsonPropertyName("gpuNum")]
        public string? GpuCount { get; set; }
        [JsonPropertyName("platform")]
        public int? Platform { get; set; }
        /// <summary>The task the list was asked about (Current marks its configuration); null for the platform's plain
        /// list.</summary>
        [RbKey(RbKind.Task)]
        [JsonIgnore]
        public long? TaskId { get; set; }
        /// <summary>True for the configuration of the task the list was asked about.</summary>
        [JsonPropertyName("current")]
        public bool Current { get; set; }
        /// <summary>Software ids (cgId) this configuration cannot render.</summary>
        [JsonPropertyName("notSupportCgId")]
        public IReadOnlyList<int> UnsupportedSoftwareIds { get; set; } = Array.Empty<int>();
        /// <summary>True when the configuration can be chosen (<c>status</c> 1).</summary>
        [JsonPropertyName("status")]
        public bool Enabled { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{HardwareConfigId.ToString(CultureInfo.InvariantCulture)} {Model} {Ram}";
    }
}
