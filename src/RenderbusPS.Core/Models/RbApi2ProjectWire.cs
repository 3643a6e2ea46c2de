using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    // API 2.0's project and software answers as they come (API2-NOTES §2.4–2.7), bound like every other answer;
    // RbApi2ProjectModels turns them into RbProject, RbRenderEnv, RbSoftware and RbPlugin.

    /// <summary>A query_project item.</summary>
    internal sealed class RbApi2Project
    {
        [JsonPropertyName("project_id")] public long? ProjectId { get; set; }
        [JsonPropertyName("project_name")] public string? Name { get; set; }
        [JsonPropertyName("project_path")] public string? Path { get; set; }
        [JsonPropertyName("render_os")] public string? RenderOS { get; set; }
        [JsonPropertyName("user_remark")] public string? Remark { get; set; }
        [JsonPropertyName("customer_name")] public string? Owner { get; set; }
        [JsonPropertyName("create_time")] public string? CreateTime { get; set; }
        [JsonPropertyName("plugins")] public IReadOnlyList<RbApi2Config> Configs { get; set; }
            = new List<RbApi2Config>();
        [JsonExtensionData] public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>A software configuration of a project (<c>plugins[]</c> of query_project).</summary>
    internal sealed class RbApi2Config
    {
        [JsonPropertyName("config_id")] public long? ConfigId { get; set; }
        [JsonPropertyName("cg_soft_name")] public string? Software { get; set; }
        /// <summary>A comma list of plugins with versions ("vray 3.10.01,yeti 2.1"); absent when none.</summary>
        [JsonPropertyName("plugin_name")] public string? Plugins { get; set; }
        [JsonPropertyName("is_default")] public string? IsDefault { get; set; }
        [JsonExtensionData] public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>A query_plugin item: a software version and the plugins (comma list) the farm has for it.</summary>
    internal sealed class RbApi2SoftwareItem
    {
        [JsonPropertyName("cg_soft_name")] public string? Software { get; set; }
        [JsonPropertyName("plugin_name")] public string? Plugins { get; set; }
    }

    /// <summary>create_project's and operate_project's flat answer.</summary>
    internal sealed class RbApi2ProjectResult
    {
        [JsonPropertyName("project_id")] public long? ProjectId { get; set; }
        [JsonPropertyName("create_result")] public string? CreateResult { get; set; }
        [JsonPropertyName("operate_result")] public string? OperateResult { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
    }
}
