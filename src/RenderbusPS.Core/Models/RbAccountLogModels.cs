using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>The account's settings (<c>queryUserSetting</c>).</summary>
    public sealed class RbUserSetting : IJsonOnDeserialized
    {
        /// <summary>How long a frame of a new task may render before the task stops (<c>taskOverTimeSec</c>, else
        /// <c>taskOverTime</c> hours).</summary>
        [JsonIgnore]
        public TimeSpan? TaskTimeout { get; set; }
        /// <summary>Sub-accounts share the main account's balance (<c>shareMainCapital</c> 1).</summary>
        [JsonPropertyName("shareMainCapital")]
        public bool ShareMainCapital { get; set; }
        /// <summary>Sub-accounts may delete tasks (<c>subDeleteTask</c> 1).</summary>
        [JsonPropertyName("subDeleteTask")]
        public bool SubAccountsCanDeleteTasks { get; set; }
        /// <summary>Sub-accounts may use the main account's balance or credit (<c>useMainBalance</c> 1).</summary>
        [JsonPropertyName("useMainBalance")]
        public bool UseMainBalance { get; set; }
        /// <summary>Downloads are disabled (<c>downloadDisable</c> 1).</summary>
        [JsonPropertyName("downloadDisable")]
        public bool DownloadDisabled { get; set; }
        /// <summary>Frames one node renders (<c>singleNodeRenderFrames</c>, text as the service sends it).</summary>
        [JsonPropertyName("singleNodeRenderFrames")]
        public string? SingleNodeRenderFrames { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => TaskTimeout.HasValue ? $"Task time-out {TaskTimeout.Value}"
            : "User settings";

        [JsonInclude, JsonPropertyName("taskOverTimeSec")]
        internal long? TimeoutSeconds { get; set; }

        [JsonInclude, JsonPropertyName("taskOverTime")]
        internal long? TimeoutHours { get; set; }

        void IJsonOnDeserialized.OnDeserialized()
        {
            TaskTimeout = TimeoutSeconds > 0 ? RbWireValue.Seconds(TimeoutSeconds)
                : TimeoutHours > 0 && TimeoutHours < 1_000_000 ? TimeSpan.FromHours(TimeoutHours.Value) : null;
            // the raw values stay reachable (the hours are rounded by the service)
            Extra["taskOverTimeSec"] = TimeoutSeconds;
            Extra["taskOverTime"] = TimeoutHours;
        }
    }

    /// <summary>A pack-node plan of the account (<c>getUserPackNodeInfo</c>): reserved render nodes.</summary>
    public sealed class RbPackNode
    {
        [JsonPropertyName("packNodeId")]
        public long PackNodeId { get; set; }
        [JsonPropertyName("packName")]
        public string? Name { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{PackNodeId} {Name}";
    }

    /// <summary>One entry of the account's operation log (<c>taskRecord</c>): who did what to which tasks,
    /// when.</summary>
    public sealed class RbOperationRecord
    {
        [JsonPropertyName("createTime")]
        public DateTimeOffset? Time { get; set; }
        [RbKey(RbKind.User)]
        [JsonPropertyName("userName")]
        public string? UserName { get; set; }
        [JsonPropertyName("userId")]
        public long? UserId { get; set; }
        /// <summary>The module (<c>taskType</c>, e.g. render).</summary>
        [JsonPropertyName("taskType")]
        public string? Module { get; set; }
        /// <summary>The button or action (<c>buttonName</c>, e.g. btn_restart).</summary>
        [JsonPropertyName("buttonName")]
        public string? Action { get; set; }
        /// <summary>The aliases of the tasks acted on (<c>taskIds</c>, sent as JSON text such as
        /// ["2W1732707"]).</summary>
        [JsonPropertyName("taskIds"), JsonConverter(typeof(RbWireTexts))]
        public IReadOnlyList<string> TaskAliases { get; set; } = Array.Empty<string>();
        [JsonPropertyName("details")]
        public string? Details { get; set; }
        /// <summary>The client it came from (<c>channel</c>).</summary>
        [JsonPropertyName("channel")]
        public string? Channel { get; set; }
        /// <summary>1 main account, 2 sub-account, 3 temporary authorization, 4 DingTalk sub-account.</summary>
        [JsonPropertyName("operateSource")]
        public int? OperateSource { get; set; }
        [JsonPropertyName("requestIp")]
        public string? RequestIp { get; set; }
        [JsonPropertyName("requestURI")]
        public string? RequestUri { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        /// <summary>The record's place in the log when it was read (pages are read by position).</summary>
        internal long Position { get; set; }

        public override string ToString() => $"{RbServiceTime.ToText(Time)} {Action} {string.Join(",", TaskAliases)}";

        /// <summary>A JSON list, or JSON text of a list, or comma-separated text, as strings.</summary>
        private static IReadOnlyList<string> Aliases(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Array)
                return v.EnumerateArray().Select(
                    x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToArray();
            if (v.ValueKind != JsonValueKind.String) return Array.Empty<string>();
            var text = v.GetString()!.Trim();
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    return Aliases(doc.RootElement.Clone());
                }
                catch (JsonException)
                {
                    // not JSON after all: read it as a list
                }
            }
            return text.Trim('[', ']').Split(',').Select(x => x.Trim().Trim('"')).Where(x => x.Length > 0).ToArray();
        }
    }

    /// <summary>One entry of the account's login log (<c>loginRecord</c>).</summary>
    public sealed class RbLoginRecord : IJsonOnDeserialized
    {
        [JsonPropertyName("loginTime")]
        public DateTimeOffset? LoginTime { get; set; }
        /// <summary>The record's id (<c>id</c>).</summary>
        [JsonPropertyName("id")]
        public long? RecordId { get; set; }
        [JsonPropertyName("userId")]
        public long? UserId { get; set; }
        [RbKey(RbKind.User)]
        [JsonPropertyName("userName")]
        public string? UserName { get; set; }
        /// <summary>The login's outcome: 200 succeeded, any other code failed (<c>loginStatus</c>, a number or number
        /// text).</summary>
        [JsonPropertyName("loginStatus")]
        public int? Status { get; set; }
        public bool Succeeded => Status == 200;
        /// <summary>The outcome in words (<c>loginStaDesc</c>).</summary>
        [JsonPropertyName("loginStaDesc")]
        public string? StatusDescription { get; set; }
        [JsonPropertyName("loginType")]
        public string? LoginType { get; set; }
        /// <summary>The address it came from (<c>loginIp</c>, or <c>ip</c> in the newer answer).</summary>
        [JsonIgnore]
        public string? Ip { get; set; }
        /// <summary>The client's user agent (<c>userUa</c>).</summary>
        [JsonPropertyName("userUa")]
        public string? UserAgent { get; set; }
        [JsonPropertyName("traceId")]
        public string? TraceId { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        internal long Position { get; set; }

        public override string ToString() => $"{RbServiceTime.ToText(LoginTime)} {UserName} {Status}";

        [JsonInclude, JsonPropertyName("loginIp")]
        internal string? LoginIp { get; set; }

        /// <summary>The newer answer's name for the address.</summary>
        [JsonInclude, JsonPropertyName("ip")]
        internal string? OtherIp { get; set; }

        void IJsonOnDeserialized.OnDeserialized() => Ip = LoginIp ?? OtherIp;
    }
}
