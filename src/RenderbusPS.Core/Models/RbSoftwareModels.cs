using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>A render software the farm supports.</summary>
    public sealed class RbSoftware
    {
        /// <summary>The software id (<c>cgId</c>).</summary>
        [RbKey(RbKind.Software)]
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        public string? Name { get; set; }
        /// <summary>Scene file extensions, e.g. ma, mb.</summary>
        public IReadOnlyList<string> FileTypes { get; set; } = Array.Empty<string>();
        public bool SupportsLinux { get; set; }
        public bool IsDefault { get; set; }
        public int? NeedsProjectPath { get; set; }
        public int? NeedsAnalysis { get; set; }
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

    /// <summary>One plugin version (<c>PluginVersion</c>).</summary>
    public sealed class RbPluginVersion
    {
        public long PluginId { get; set; }
        public string? Name { get; set; }
        /// <summary>The version text as the farm shows it, e.g. "mtoa 4.0.0".</summary>
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
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        public string? SoftwareName { get; set; }
        /// <summary>The version's id (<c>SoftVersion.id</c>).</summary>
        public long VersionId { get; set; }
        public string? Version { get; set; }
        public RbOperatingSystem OS { get; set; }
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

    /// <summary>A user render environment (software version + plugins + OS), named by the user.</summary>
    public sealed class RbRenderEnv
    {
        /// <summary>The environment's name (<c>editName</c>).</summary>
        [RbKey(RbKind.RenderEnv)]
        public string? Name { get; set; }
        [RbKey(RbKind.Software)]
        public int SoftwareId { get; set; }
        [RbKey(RbKind.Software)]
        public string? SoftwareName { get; set; }
        public string? Version { get; set; }
        public RbOperatingSystem OS { get; set; }
        public int? RenderLayerType { get; set; }
        public bool IsDefault { get; set; }
        public string? ProjectPath { get; set; }
        public IReadOnlyList<RbPluginVersion> Plugins { get; set; } = Array.Empty<RbPluginVersion>();
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Name} ({SoftwareName} {Version}, {OS})";

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
