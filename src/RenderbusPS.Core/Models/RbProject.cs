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

        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => Name ?? ProjectId.ToString(
            System.Globalization.CultureInfo.InvariantCulture);
    }
}
