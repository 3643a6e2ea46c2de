using RenderbusPS.Core.Catalog;
using System;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Creates a render environment, resolving the software, version and plugins through the farm's
    /// catalog; on API 2.0 (-Project) adds a software configuration to a project.</summary>
    [RbSends(
        nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail),
        nameof(RbCatalog.GetUserPluginConfig), nameof(RbCatalog.AddUserPluginConfig))]
    [RbSendsApi2("query_project", "query_plugin", "operate_project")]
    [Cmdlet(VerbsCommon.New, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
        DefaultParameterSetName = AccountSet)]
    [OutputType(typeof(RbRenderEnv))]
    public sealed class NewRbRenderEnvCommand : RbSessionCmdlet
    {
        private const string AccountSet = "Account";
        private const string ProjectSet = "Project";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AccountSet)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 50)]
        public string Name { get; set; } = "";

        /// <summary>API 2.0: the project (by name or id, or piped) to add the configuration to.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProjectSet)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNull]
        [RbKey(RbKind.Project)]
        public RbProject? Project { get; set; }

        /// <summary>The software ("Maya"); on API 2.0 it may carry its version too ("maya 2014").</summary>
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(SoftwareNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Software { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = ProjectSet)]
        [ArgumentCompleter(typeof(SoftwareVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = AccountSet)]
        public RbOperatingSystem OS { get; set; } = RbOperatingSystem.Windows;

        [Parameter(ParameterSetName = AccountSet)]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public long[] PluginId { get; set; } = Array.Empty<long>();

        /// <summary>Plugins by version text ("mtoa 5.3.0", "vray 3.10.01") or by name when one version fits.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public string[] Plugin { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = AccountSet)]
        [ValidateRange(0, 10)]
        public int? RenderLayerType { get; set; }

        [Parameter(ParameterSetName = AccountSet)]
        public string? ProjectPath { get; set; }

        /// <summary>API 2.0: make it the project's default configuration (a project has one).</summary>
        [Parameter(ParameterSetName = ProjectSet)]
        public SwitchParameter Default { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (ParameterSetName == ProjectSet)
            {
                var config = new RbProjectConfigSpec
                    { Software = Software, Version = Version, Plugins = Plugin, MakeDefault = Default };
                Guarded(Project!.ToString(), () =>
                {
                    var planned = Run(ct => session.Api2ProjectConfigs.PlanAsync(Project, null, config, ct));
                    var what = $"Add a configuration ({planned.Description})";
                    if (!ShouldProcess($"project '{planned.Project.Name}'", what)) return;
                    WriteObject(Run(ct => session.Api2ProjectConfigs.AddAsync(planned, ct)));
                });
                return;
            }
            var spec = new RbRenderEnvSpec
            {
                Name = Name, Software = Software, Version = Version ?? "", OS = OS, PluginIds = PluginId,
                Plugins = Plugin, RenderLayerType = RenderLayerType, ProjectPath = ProjectPath,
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
