using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    // API 2.0's answers as they come (every value text), bound like every other answer (RbWire); RbApi2Models turns
    // them into the models REST gives.

    /// <summary>The <c>data</c> list of an API 2.0 answer.</summary>
    internal sealed class RbApi2List<T>
    {
        [JsonPropertyName("data")]
        public IReadOnlyList<T> Data { get; set; } = new List<T>();
    }

    /// <summary>A page of query_task (API2-NOTES §2.2.2).</summary>
    internal sealed class RbApi2TaskPage
    {
        [JsonPropertyName("data")]
        public IReadOnlyList<RbApi2Task> Data { get; set; } = new List<RbApi2Task>();
        [JsonPropertyName("page_no")]
        public int? PageNo { get; set; }
        [JsonPropertyName("total_page")]
        public int? TotalPage { get; set; }
        [JsonPropertyName("total_size")]
        public long? TotalSize { get; set; }
    }

    /// <summary>A query_task item.</summary>
    internal sealed class RbApi2Task
    {
        [JsonPropertyName("task_id")] public long? TaskId { get; set; }
        [JsonPropertyName("task_alias")] public string? Alias { get; set; }
        [JsonPropertyName("task_status")] public string? Status { get; set; }
        [JsonPropertyName("executing")] public int? Executing { get; set; }
        [JsonPropertyName("done")] public int? Done { get; set; }
        [JsonPropertyName("failed")] public int? Failed { get; set; }
        [JsonPropertyName("waiting")] public int? Waiting { get; set; }
        [JsonPropertyName("aborted")] public int? Aborted { get; set; }
        [JsonPropertyName("input_scene_path")] public string? ScenePath { get; set; }
        [JsonPropertyName("scene_name")] public string? SceneName { get; set; }
        [JsonPropertyName("cg_soft_name")] public string? Software { get; set; }
        [JsonPropertyName("exetime_count")] public long? Seconds { get; set; }
        [JsonPropertyName("project_name")] public string? ProjectName { get; set; }
        [JsonPropertyName("frames")] public string? Frames { get; set; }
        [JsonPropertyName("fee")] public string? Fee { get; set; }
        [JsonPropertyName("submit_time")] public string? SubmitTime { get; set; }
        [JsonPropertyName("completed_time")] public string? CompletedTime { get; set; }
        [JsonPropertyName("camera")] public string? Camera { get; set; }
        [JsonPropertyName("render_layer")] public string? RenderLayer { get; set; }
        [JsonPropertyName("artist")] public string? Artist { get; set; }
        [JsonPropertyName("submit_account")] public string? SubmitAccount { get; set; }
        [JsonExtensionData] public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>A query_task item read for its frames (<c>is_jobs_included</c>); a listing keeps jobs in Extra.</summary>
    internal sealed class RbApi2TaskJobs
    {
        [JsonPropertyName("task_id")] public long? TaskId { get; set; }
        [JsonPropertyName("jobs")] public IReadOnlyList<RbApi2Job> Jobs { get; set; } = new List<RbApi2Job>();
    }

    /// <summary>A <c>jobs</c> item of query_task: one frame.</summary>
    internal sealed class RbApi2Job
    {
        [JsonPropertyName("job_id")] public long? JobId { get; set; }
        [JsonPropertyName("task_id")] public long? TaskId { get; set; }
        [JsonPropertyName("job_name")] public string? Name { get; set; }
        [JsonPropertyName("job_status")] public string? Status { get; set; }
        [JsonPropertyName("consume_time")] public long? Seconds { get; set; }
        [JsonPropertyName("fee")] public string? Fee { get; set; }
        [JsonPropertyName("start_time")] public string? StartTime { get; set; }
        [JsonPropertyName("end_time")] public string? EndTime { get; set; }
        [JsonExtensionData] public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>A query_customer item (API2-NOTES §2.8).</summary>
    internal sealed class RbApi2User
    {
        [JsonPropertyName("id")] public long? Id { get; set; }
        [JsonPropertyName("login_name")] public string? LoginName { get; set; }
        [JsonPropertyName("zone")] public int? Zone { get; set; }
        [JsonPropertyName("email")] public string? Email { get; set; }
        [JsonPropertyName("company")] public string? Company { get; set; }
        [JsonPropertyName("account_type")] public int? AccountType { get; set; }
        [JsonPropertyName("role")] public int? Role { get; set; }
        [JsonPropertyName("usd_balance")] public decimal? UsdBalance { get; set; }
        [JsonPropertyName("rmb_balance")] public decimal? RmbBalance { get; set; }
        [JsonPropertyName("eur_balance")] public decimal? EurBalance { get; set; }
        [JsonPropertyName("gbp_balance")] public decimal? GbpBalance { get; set; }
        [JsonExtensionData] public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>An item of operate_task's answer: one task's outcome.</summary>
    internal sealed class RbApi2Outcome
    {
        [JsonPropertyName("task_id")] public long? TaskId { get; set; }
        [JsonPropertyName("login_name")] public string? LoginName { get; set; }
        [JsonPropertyName("operate_result")] public string? Result { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("result_msg")] public string? ResultMessage { get; set; }
    }
}
