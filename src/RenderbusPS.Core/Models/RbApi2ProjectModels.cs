using System;
using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// API 2.0's projects, configurations and software names read into the models REST gives: a project's
    /// configuration is an <see cref="RbRenderEnv"/> with a <see cref="RbRenderEnv.ConfigId"/>, software and plugins
    /// are names with a version ("maya 2014", "vray 3.10.01") and have no ids (API2-NOTES §3.10).
    /// </summary>
    internal static class RbApi2ProjectModels
    {
        public static RbProject Project(RbApi2Project item)
        {
            var project = new RbProject
            {
                ProjectId = item.ProjectId ?? 0,
                Name = item.Name,
                Path = Blank(item.Path),
                RenderOS = OS(item.RenderOS),
                Remark = Blank(item.Remark),
                Owner = Blank(item.Owner),
                CreatedAt = RbServiceTime.Parse(Blank(item.CreateTime)),
                Extra = item.Extra,
            };
            project.Configs = item.Configs.Select(c => Config(project, c)).ToList();
            return project;
        }

        /// <summary>One configuration of <paramref name="project"/> as a render environment.</summary>
        public static RbRenderEnv Config(RbProject project, RbApi2Config item)
        {
            var (software, version) = SplitSoftware(item.Software);
            var env = new RbRenderEnv
            {
                ConfigId = item.ConfigId,
                ProjectId = project.ProjectId,
                ProjectName = project.Name,
                SoftwareId = RbApi2Models.SoftwareIdOf(item.Software) ?? 0,
                SoftwareName = software,
                Version = version,
                OS = project.RenderOS ?? RbOperatingSystem.Windows,
                IsDefault = item.IsDefault == "1",
                ProjectPath = project.Path,
                Plugins = PluginList(item.Plugins).Select(Plugin).ToList(),
                Extra = item.Extra,
            };
            env.Extra["cg_soft_name"] = item.Software;
            return env;
        }

        /// <summary>query_plugin's items as the farm's software: one per name, versions folded in.</summary>
        public static IReadOnlyList<RbSoftware> Software(IEnumerable<RbApi2SoftwareItem> items)
            => items.Select(i => SplitSoftware(i.Software).Name).Where(n => n.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(n => new RbSoftware { Name = n, SoftwareId = RbApi2Models.SoftwareIdOf(n) ?? 0 }).ToList();

        /// <summary>The versions of one software among query_plugin's items, each with its plugins.</summary>
        public static IReadOnlyList<RbSoftwareVersion> Versions(IEnumerable<RbApi2SoftwareItem> items,
            string software, RbOperatingSystem os)
            => items.Select(i => (Item: i, Split: SplitSoftware(i.Software)))
                .Where(x => string.Equals(x.Split.Name, software, StringComparison.OrdinalIgnoreCase))
                .Select(x => new RbSoftwareVersion
                {
                    SoftwareId = RbApi2Models.SoftwareIdOf(x.Split.Name) ?? 0,
                    SoftwareName = x.Split.Name,
                    Version = x.Split.Version,
                    OS = os,
                    Plugins = PluginList(x.Item.Plugins).Select(Plugin).ToList(),
                }).ToList();

        /// <summary>"3ds Max 2014" → ("3ds Max", "2014"); a name without a version word keeps it whole.</summary>
        public static (string Name, string? Version) SplitSoftware(string? text)
        {
            var t = (text ?? "").Trim();
            var cut = t.LastIndexOf(' ');
            return cut > 0 && t.Substring(cut + 1).Any(char.IsDigit)
                ? (t.Substring(0, cut).Trim(), t.Substring(cut + 1)) : (t, null);
        }

        /// <summary>A comma list of plugins ("vray 3.10.01,yeti 2.1"), each trimmed, none when blank.</summary>
        public static IReadOnlyList<string> PluginList(string? text)
            => (text ?? "").Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

        /// <summary>"vray 3.10.01" as a plugin version: its name, and the whole text as REST's version text.</summary>
        public static RbPluginVersion Plugin(string text)
        {
            var cut = text.LastIndexOf(' ');
            return new RbPluginVersion { Name = cut > 0 ? text.Substring(0, cut) : text, Version = text };
        }

        /// <summary><c>Windows</c> / <c>Linux</c>; anything else unknown.</summary>
        public static RbOperatingSystem? OS(string? text)
            => string.Equals(text, "Linux", StringComparison.OrdinalIgnoreCase) ? RbOperatingSystem.Linux
                : string.Equals(text, "Windows", StringComparison.OrdinalIgnoreCase) ? RbOperatingSystem.Windows
                    : (RbOperatingSystem?)null;

        /// <summary>The wire text of an OS (case-sensitive on the farm).</summary>
        public static string? OSText(RbOperatingSystem? os)
            => os == null ? null : os == RbOperatingSystem.Linux ? "Linux" : "Windows";

        private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
