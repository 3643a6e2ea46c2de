using System;
using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Which projects Get-RbProject asks for; Owner and Software are API 2.0's filters.</summary>
    internal sealed class RbProjectQuery
    {
        public RbProjectScope Scope { get; set; } = RbProjectScope.Own;
        /// <summary>Only the projects of this account (main or sub-account): <c>sub_account</c>.</summary>
        public string? Owner { get; set; }
        /// <summary>Only projects with a configuration of this software (part of its name):
        /// <c>cg_soft_name</c>.</summary>
        public string? Software { get; set; }
    }

    /// <summary>A new project; all but the name are API 2.0's.</summary>
    internal sealed class RbProjectSpec
    {
        public string Name { get; set; } = "";
        public string? Path { get; set; }
        public RbOperatingSystem? RenderOS { get; set; }
        public string? Remark { get; set; }
        /// <summary>The sub-account that owns it (<c>sub_account</c>); the session's account when null.</summary>
        public string? Owner { get; set; }
    }

    /// <summary>What Set-RbProject changes; null keeps.</summary>
    internal sealed class RbProjectChange
    {
        public string? NewName { get; set; }
        public string? Path { get; set; }
        public RbOperatingSystem? RenderOS { get; set; }
        public string? Remark { get; set; }

        public bool IsEmpty => NewName == null && Path == null && RenderOS == null && Remark == null;

        public string Description => string.Join(", ", new[]
        {
            NewName == null ? null : $"rename to '{NewName}'", Path == null ? null : $"path '{Path}'",
            RenderOS == null ? null : $"render OS {RenderOS}", Remark == null ? null : $"remark '{Remark}'",
        }.Where(s => s != null));
    }

    /// <summary>A project configuration as the user names it: software and version ("maya", "2014", or "maya 2014"
    /// alone), plugins by version text ("vray 3.10.01") or by name when the farm has one version.</summary>
    internal sealed class RbProjectConfigSpec
    {
        public string? Software { get; set; }
        public string? Version { get; set; }
        /// <summary>Null keeps a changed configuration's plugins; empty removes them.</summary>
        public IReadOnlyCollection<string>? Plugins { get; set; }
        public bool MakeDefault { get; set; }
        /// <summary>Parameters given that only REST's named environments have (-PluginId, -OS, ...).</summary>
        public IReadOnlyCollection<string> RestOnly { get; set; } = Array.Empty<string>();

        /// <summary>The software as API 2.0 names it: "maya 2014".</summary>
        public string? SoftwareText => Software == null ? null
            : string.IsNullOrWhiteSpace(Version) ? Software.Trim() : Software.Trim() + " " + Version!.Trim();
    }

    /// <summary>A configuration checked against the farm's software (query_plugin), ready to send.</summary>
    internal sealed class RbProjectConfigPlan
    {
        internal RbProjectConfigPlan(RbProject project, RbRenderEnv? current, string software,
            IReadOnlyList<string> plugins, bool makeDefault)
        {
            Project = project;
            Current = current;
            Software = software;
            Plugins = plugins;
            MakeDefault = makeDefault;
        }

        public RbProject Project { get; }
        /// <summary>The configuration changed, or null for a new one.</summary>
        public RbRenderEnv? Current { get; }
        /// <summary>The software as the farm spells it ("Maya 2020").</summary>
        public string Software { get; }
        public IReadOnlyList<string> Plugins { get; }
        public bool MakeDefault { get; }

        public string Description => Software + (Plugins.Count == 0 ? ", no plugins" : ", plugins "
            + string.Join(", ", Plugins)) + (MakeDefault ? ", the project's default" : "");
    }

    /// <summary>The error for a parameter only API 2.0 has, on a REST session: nothing was sent.</summary>
    internal static class RbApi2Only
    {
        public static RbValidationException Error(string parameter, object? value)
            => new RbValidationException("Rb.NotInProtocol",
                $"-{parameter} is part of API 2.0 and this session speaks the REST API; nothing was sent.", parameter,
                "Connect an API 2.0 session (Connect-Renderbus -Protocol Api2) and pass it with -Session, or leave "
                    + $"-{parameter} out.", value);

        public static void Refuse(string parameter, object? value)
        {
            if (value != null) throw Error(parameter, value);
        }
    }
}
