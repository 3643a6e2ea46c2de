using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>A render software the farm supports.</summary>
    public sealed class RbSoftware
    {
        /// <summary>The software id (<c>cgId</c>).</summary>
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgId")]
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgName")]
        public string? Name { get; set; }
        /// <summary>Scene file extensions, e.g. ma, mb.</summary>
        [JsonPropertyName("cgType"), JsonConverter(typeof(RbWireTexts))]
        public IReadOnlyList<string> FileTypes { get; set; } = Array.Empty<string>();
        [JsonPropertyName("isSupportLinux")]
        public bool SupportsLinux { get; set; }
        [JsonIgnore]
        public bool IsDefault { get; set; }
        [JsonPropertyName("isNeedProjectPath")]
        public int? NeedsProjectPath { get; set; }
        [JsonPropertyName("isNeedAnalyse")]
        public int? NeedsAnalysis { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Name} ({SoftwareId})";
    }

    /// <summary>querySoftwareList's answer: the software, and which is the default.</summary>
    internal sealed class RbSoftwareList
    {
        [JsonPropertyName("defaultCgId")]
        public int? DefaultId { get; set; }

        [JsonPropertyName("renderInfoList")]
        public IReadOnlyList<RbSoftware> Software { get; set; } = Array.Empty<RbSoftware>();
    }

    /// <summary>One plugin version (<c>PluginVersion</c>).</summary>
    public sealed class RbPluginVersion
    {
        [JsonPropertyName("pluginId")]
        public long PluginId { get; set; }
        [JsonPropertyName("pluginName")]
        public string? Name { get; set; }
        /// <summary>The version text as the farm shows it, e.g. "mtoa 4.0.0".</summary>
        [JsonPropertyName("pluginVersion")]
        public string? Version { get; set; }

        public override string ToString() => Version ?? Name ?? PluginId.ToString(
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A plugin version the farm offers for one software version on one OS (Get-RbPlugin).</summary>
    public sealed class RbPlugin
    {
        /// <summary>The plugin version's id (<c>pluginId</c>), as New-RbRenderEnv -PluginId takes it.</summary>
        [RbKey(RbKind.Plugin)]
        public long PluginId { get; set; }
        /// <summary>The plugin's name, e.g. mtoa.</summary>
        public string? PluginName { get; set; }
        /// <summary>The version text as the farm shows it, e.g. "mtoa 5.3.0"; New-RbRenderEnv -Plugin takes
        /// it.</summary>
        public string? Version { get; set; }
        [RbKey(RbKind.Software)]
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        public string? SoftwareName { get; set; }
        /// <summary>The software version the plugin version belongs to, e.g. 2022.</summary>
        public string? SoftwareVersion { get; set; }
        public RbOperatingSystem OS { get; set; }

        public override string ToString() => $"{Version ?? PluginName} ({SoftwareName} {SoftwareVersion}, {OS})";
    }

    /// <summary>A version of a software with the plugin versions available for it on one operating system.</summary>
    public sealed class RbSoftwareVersion
    {
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgId")]
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgName")]
        public string? SoftwareName { get; set; }
        /// <summary>The version's id (<c>SoftVersion.id</c>).</summary>
        [JsonPropertyName("id")]
        public long VersionId { get; set; }
        [JsonPropertyName("cgVersion")]
        public string? Version { get; set; }
        [JsonIgnore]
        public RbOperatingSystem OS { get; set; }
        [JsonIgnore]
        public IReadOnlyList<RbPluginVersion> Plugins { get; set; } = Array.Empty<RbPluginVersion>();

        public override string ToString() => $"{SoftwareName} {Version}";
    }

    /// <summary>querySoftwareDetail's answer: the versions, and the plugin versions of each (by version id).</summary>
    internal sealed class RbSoftwareDetail
    {
        [JsonPropertyName("cgVersion")]
        public IReadOnlyList<RbSoftwareVersion> Versions { get; set; } = Array.Empty<RbSoftwareVersion>();

        [JsonPropertyName("cgPlugin")]
        public IReadOnlyList<RbVersionPlugins> Plugins { get; set; } = Array.Empty<RbVersionPlugins>();

        /// <summary>The versions, each with its plugin versions, on the OS they were asked for.</summary>
        public IReadOnlyList<RbSoftwareVersion> On(RbOperatingSystem os)
        {
            foreach (var version in Versions)
            {
                version.OS = os;
                version.Plugins = Plugins.Where(p => p.VersionId == version.VersionId).SelectMany(p => p.Versions)
                    .ToArray();
            }
            return Versions;
        }
    }

    /// <summary>The plugin versions of one software version (<c>cvId</c>).</summary>
    internal sealed class RbVersionPlugins
    {
        [JsonPropertyName("cvId")]
        public long VersionId { get; set; }

        [JsonPropertyName("pluginVersions")]
        public IReadOnlyList<RbPluginVersion> Versions { get; set; } = Array.Empty<RbPluginVersion>();
    }

    /// <summary>A user render environment (software version + plugins + OS), named by the user.</summary>
    public sealed class RbRenderEnv
    {
        /// <summary>The environment's name (<c>editName</c>).</summary>
        [RbKey(RbKind.RenderEnv)]
        [JsonPropertyName("editName")]
        public string? Name { get; set; }
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgId")]
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        [JsonPropertyName("cgName")]
        public string? SoftwareName { get; set; }
        [JsonPropertyName("cgVersion")]
        public string? Version { get; set; }
        [JsonIgnore]
        public RbOperatingSystem OS { get; set; } = RbOperatingSystem.Windows;
        [JsonPropertyName("renderLayerType")]
        public int? RenderLayerType { get; set; }
        [JsonPropertyName("isDefault")]
        public bool IsDefault { get; set; }
        [JsonPropertyName("projectPath")]
        public string? ProjectPath { get; set; }
        [JsonPropertyName("respUserPluginInfoVos")]
        public IReadOnlyList<RbPluginVersion> Plugins { get; set; } = Array.Empty<RbPluginVersion>();

        /// <summary>On API 2.0 an environment is a software configuration of one project: its id
        /// (<c>config_id</c>); null on REST, where environments are named.</summary>
        [RbKey(RbKind.RenderEnv)]
        [JsonIgnore]
        public long? ConfigId { get; set; }

        /// <summary>The project the configuration belongs to (API 2.0).</summary>
        [RbKey(RbKind.Project)]
        [JsonIgnore]
        public long? ProjectId { get; set; }

        [RbKey(RbKind.Project)]
        [JsonIgnore]
        public string? ProjectName { get; set; }

        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => ConfigId.HasValue
            ? $"{ProjectName}/{ConfigId} ({SoftwareName} {Version}{(IsDefault ? ", default" : "")})"
            : $"{Name} ({SoftwareName} {Version}, {OS})";

        /// <summary><c>osName</c>: Windows unless the service says otherwise.</summary>
        [JsonInclude, JsonPropertyName("osName")]
        internal int? WireOS { get => (int)OS; set => OS = (RbOperatingSystem)(value ?? 1); }
    }
}
