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

        internal static RbSoftware FromWire(JsonElement element, int? defaultId)
        {
            var w = WireObject.For<RbSoftware>(element);
            var s = new RbSoftware
            {
                SoftwareId = w.Int("cgId") ?? 0,
                Name = w.Str("cgName"),
                FileTypes = (w.Str("cgType") ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).ToArray(),
                SupportsLinux = w.Flag("isSupportLinux"),
                NeedsProjectPath = w.Int("isNeedProjectPath"),
                NeedsAnalysis = w.Int("isNeedAnalyse"),
            };
            s.IsDefault = defaultId.HasValue && s.SoftwareId == defaultId.Value;
            s.Extra = w.Rest();
            return s;
        }
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

        public override string ToString() => Version ?? Name ?? PluginId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        internal static RbPluginVersion FromWire(JsonElement element)
        {
            var w = new WireObject(element);
            return new RbPluginVersion { PluginId = w.Long("pluginId") ?? 0, Name = w.Str("pluginName"), Version = w.Str("pluginVersion") };
        }
    }

    /// <summary>A plugin version the farm offers for one software version on one OS (Get-RbPlugin).</summary>
    public sealed class RbPlugin
    {
        /// <summary>The plugin version's id (<c>pluginId</c>), as New-RbRenderEnv -PluginId takes it.</summary>
        [RbKey(RbKind.Plugin)]
        public long PluginId { get; set; }
        /// <summary>The plugin's name, e.g. mtoa.</summary>
        public string? PluginName { get; set; }
        /// <summary>The version text as the farm shows it, e.g. "mtoa 5.3.0"; New-RbRenderEnv -Plugin takes it.</summary>
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

        /// <summary>Reads querySoftwareDetail's data: cgVersion[] and cgPlugin[] (grouped by cvId = version id).</summary>
        internal static IReadOnlyList<RbSoftwareVersion> FromDetail(JsonElement data, RbOperatingSystem os)
        {
            var w = new WireObject(data);
            var plugins = w.List("cgPlugin", p =>
            {
                var pw = new WireObject(p);
                return new { VersionId = pw.Long("cvId") ?? 0, Versions = pw.List("pluginVersions", RbPluginVersion.FromWire) };
            });
            return w.List("cgVersion", v =>
            {
                var vw = new WireObject(v);
                var id = vw.Long("id") ?? 0;
                return new RbSoftwareVersion
                {
                    VersionId = id,
                    SoftwareId = vw.Int("cgId") ?? 0,
                    SoftwareName = vw.Str("cgName"),
                    Version = vw.Str("cgVersion"),
                    OS = os,
                    Plugins = plugins.Where(p => p.VersionId == id).SelectMany(p => p.Versions).ToArray(),
                };
            });
        }
    }

    /// <summary>querySoftwareDetail's answer: the versions, and the plugin versions of each (by version id).</summary>
    internal sealed class RbSoftwareDetail
    {
        [JsonPropertyName("cgVersion")]
        public IReadOnlyList<RbSoftwareVersion> Versions { get; set; } = Array.Empty<RbSoftwareVersion>();

        [JsonPropertyName("cgPlugin")]
        public IReadOnlyList<RbVersionPlugins> Plugins { get; set; } = Array.Empty<RbVersionPlugins>();
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
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Name} ({SoftwareName} {Version}, {OS})";

        /// <summary><c>osName</c>: Windows unless the service says otherwise.</summary>
        [JsonInclude, JsonPropertyName("osName")]
        internal int? WireOS { get => (int)OS; set => OS = (RbOperatingSystem)(value ?? 1); }

        internal static RbRenderEnv FromWire(JsonElement element)
        {
            var w = WireObject.For<RbRenderEnv>(element);
            var e = new RbRenderEnv
            {
                Name = w.Str("editName"),
                SoftwareId = w.Int("cgId") ?? 0,
                SoftwareName = w.Str("cgName"),
                Version = w.Str("cgVersion"),
                OS = (RbOperatingSystem)(w.Int("osName") ?? 1),
                RenderLayerType = w.Int("renderLayerType"),
                IsDefault = w.Flag("isDefault"),
                ProjectPath = w.Str("projectPath"),
                Plugins = w.List("respUserPluginInfoVos", RbPluginVersion.FromWire),
            };
            e.Extra = w.Rest();
            return e;
        }
    }
}
