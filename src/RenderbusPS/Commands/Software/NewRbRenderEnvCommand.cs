using RenderbusPS.Core.Catalog;
using System;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Creates a render environment, resolving the software, version and plugins through the farm's
    /// catalog.</summary>
    [RbSends(
        nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail),
        nameof(RbCatalog.GetUserPluginConfig), nameof(RbCatalog.AddUserPluginConfig))]
    [Cmdlet(VerbsCommon.New, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RbRenderEnv))]
    public sealed class NewRbRenderEnvCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 50)]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(SoftwareNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Software { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(SoftwareVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string Version { get; set; } = "";

        [Parameter]
        public RbOperatingSystem OS { get; set; } = RbOperatingSystem.Windows;

        [Parameter]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public long[] PluginId { get; set; } = Array.Empty<long>();

        [Parameter]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public string[] Plugin { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateRange(0, 10)]
        public int? RenderLayerType { get; set; }

        [Parameter]
        public string? ProjectPath { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            var spec = new RbRenderEnvSpec
            {
                Name = Name, Software = Software, Version = Version, OS = OS, PluginIds = PluginId, Plugins = Plugin,
                RenderLayerType = RenderLayerType, ProjectPath = ProjectPath,
            };
            Guarded(Name, () =>
            {
                var plan = Run(ct => session.Software.PlanRenderEnvAsync(spec, ct));
                if (!ShouldProcess($"render environment '{Name}'", $"Create ({plan.Description})")) return;
                WriteObject(Run(ct => session.Software.AddRenderEnvAsync(plan, ct)));
            });
        }
    }
}
