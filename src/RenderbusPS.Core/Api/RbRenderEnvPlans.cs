using System;
using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>What a new render environment should hold, as the user names it.</summary>
    internal sealed class RbRenderEnvSpec
    {
        public string Name { get; set; } = "";
        /// <summary>Software name (Maya, "3ds Max", …) or id (2000).</summary>
        public string Software { get; set; } = "";
        public string Version { get; set; } = "";
        public RbOperatingSystem OS { get; set; } = RbOperatingSystem.Windows;
        public IReadOnlyCollection<long> PluginIds { get; set; } = Array.Empty<long>();
        /// <summary>Plugins by version text ("mtoa 4.0.0") or by name when only one version of it fits.</summary>
        public IReadOnlyCollection<string> Plugins { get; set; } = Array.Empty<string>();
        public int? RenderLayerType { get; set; }
        public string? ProjectPath { get; set; }
    }

    /// <summary>A render environment resolved against the farm's catalog, ready to be added.</summary>
    internal sealed class RbRenderEnvPlan
    {
        internal RbRenderEnvPlan(
            RbRenderEnvSpec spec, RbSoftware software, RbSoftwareVersion version,
            IReadOnlyList<RbPluginVersion> plugins)
        {
            Spec = spec;
            Software = software;
            Version = version;
            Plugins = plugins;
        }

        public RbRenderEnvSpec Spec { get; }
        public RbSoftware Software { get; }
        public RbSoftwareVersion Version { get; }
        public IReadOnlyList<RbPluginVersion> Plugins { get; }

        public string Description => $"{Software.Name} {Version.Version} on {Spec.OS}"
            + (Plugins.Count == 0 ? ", no plugins" : ", plugins " + string.Join(
                ", ", Plugins.Select(p => p.Version ?? p.Name)));
    }

    /// <summary>What Set-RbRenderEnv changes on an existing environment; null means "keep".</summary>
    internal sealed class RbRenderEnvChange
    {
        public string Name { get; set; } = "";
        public string? Version { get; set; }
        public RbOperatingSystem? OS { get; set; }
        public IReadOnlyCollection<long>? PluginIds { get; set; }
        public IReadOnlyCollection<string>? Plugins { get; set; }
        public int? RenderLayerType { get; set; }
        public string? ProjectPath { get; set; }
        /// <summary>Make it the default environment of its software on its OS.</summary>
        public bool MakeDefault { get; set; }

        /// <summary>True when a setting of the environment itself changes (editUserPluginConfig).</summary>
        public bool ChangesSettings => Version != null || OS.HasValue || PluginIds != null || Plugins != null
            || RenderLayerType.HasValue || ProjectPath != null;
    }

    /// <summary>A planned change: the environment as it is, the resolved new settings (null when only the default
    /// changes).</summary>
    internal sealed class RbRenderEnvEdit
    {
        internal RbRenderEnvEdit(RbRenderEnv current, RbRenderEnvPlan? plan, bool makeDefault)
        {
            Current = current;
            Plan = plan;
            MakeDefault = makeDefault;
        }

        public RbRenderEnv Current { get; }
        public RbRenderEnvPlan? Plan { get; }
        public bool MakeDefault { get; }

        public string Description => Plan == null
            ? $"Make it the default {Current.SoftwareName} environment on {Current.OS}"
            : "Change to " + Plan.Description + (
                MakeDefault ? $", and make it the default {Current.SoftwareName} environment on {Plan.Spec.OS}" : "");
    }
}
