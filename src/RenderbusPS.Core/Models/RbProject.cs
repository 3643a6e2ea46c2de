using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>Which projects a listing shows (project/list <c>flag</c>).</summary>
    public enum RbProjectScope
    {
        /// <summary>The projects of this account (flag 0).</summary>
        Own = 0,
        /// <summary>This account's projects and its main account's (flag 1).</summary>
        WithMainAccount = 1,
        /// <summary>Every project under the same main account (flag 2).</summary>
        All = 2,
    }

    /// <summary>The answer of project/list and getList.</summary>
    internal sealed class RbProjectList
    {
        [JsonPropertyName("projectNameList")]
        public IReadOnlyList<RbProject> Projects { get; set; } = System.Array.Empty<RbProject>();
    }

    /// <summary>A project (the v1 protocol calls it a label) that tasks are filed under.</summary>
    public sealed class RbProject
    {
        /// <summary>The project's id (<c>projectId</c>).</summary>
        [RbKey(RbKind.Project)]
        [JsonPropertyName("projectId")]
        public long ProjectId { get; set; }

        /// <summary>The project's name (<c>projectName</c>); add and delete name projects by it.</summary>
        [RbKey(RbKind.Project)]
        [JsonPropertyName("projectName")]
        public string? Name { get; set; }

        // API 2.0 (query_project) knows these; REST leaves them empty

        /// <summary>The project's path on the farm (<c>project_path</c>, API 2.0).</summary>
        [JsonIgnore]
        public string? Path { get; set; }

        /// <summary>The OS the project renders on (<c>render_os</c>, API 2.0).</summary>
        [JsonIgnore]
        public RbOperatingSystem? RenderOS { get; set; }

        /// <summary>The project's remark (<c>user_remark</c>, API 2.0).</summary>
        [JsonIgnore]
        public string? Remark { get; set; }

        /// <summary>The account that owns it, the main account or a sub-account (<c>customer_name</c>, API
        /// 2.0).</summary>
        [JsonIgnore]
        public string? Owner { get; set; }

        [JsonIgnore]
        public System.DateTimeOffset? CreatedAt { get; set; }

        /// <summary>The project's software configurations (API 2.0's <c>plugins</c>); empty on REST, where render
        /// environments belong to the account (Get-RbRenderEnv).</summary>
        [JsonIgnore]
        public IReadOnlyList<RbRenderEnv> Configs { get; set; } = System.Array.Empty<RbRenderEnv>();

        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        /// <summary>
        /// A project named by the user (its id when all digits, else its name), so that -Project takes a name, an id
        /// or a piped project alike; the farm is asked which project it is before anything changes.
        /// </summary>
        public static RbProject Parse(string text)
        {
            var t = (text ?? "").Trim();
            return long.TryParse(t, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
                ? new RbProject { ProjectId = id } : new RbProject { Name = t };
        }

        public override string ToString() => Name ?? ProjectId.ToString(
            System.Globalization.CultureInfo.InvariantCulture);
    }
}
