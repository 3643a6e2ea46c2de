using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>
    /// Changes a render environment (editUserPluginConfig: what is not given stays) and/or makes it the default of its
    /// software on its OS (-Default: setDefaultUserPluginConfig). Changes resolve through the farm's catalog as
    /// New-RbRenderEnv's do. On API 2.0 it changes a project's configuration (-Project -ConfigId, or a piped one).
    /// </summary>
    [RbSends(
        nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail),
        nameof(RbCatalog.GetUserPluginConfig), nameof(RbCatalog.EditUserPluginConfig),
        nameof(RbCatalog.SetDefaultUserPluginConfig))]
    [RbSendsApi2("query_project", "query_plugin", "operate_project")]
    [Cmdlet(VerbsCommon.Set, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = ByName)]
    [OutputType(typeof(RbRenderEnv))]
    public sealed class SetRbRenderEnvCommand : RbSessionCmdlet
    {
        private const string ByName = "ByName";
        private const string ByObject = "ByObject";
        private const string ByConfig = "ByConfig";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(RenderEnvNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>An environment as Get-RbRenderEnv writes it (a project's configuration on API 2.0).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObject)]
        [ValidateNotNull]
        public RbRenderEnv? InputObject { get; set; }

        /// <summary>API 2.0: the project (by name or id) whose configuration -ConfigId changes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByConfig)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNull]
        public RbProject? Project { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByConfig)]
        public long ConfigId { get; set; }

        /// <summary>API 2.0: another software for the configuration ("maya", or "maya 2014" with its
        /// version).</summary>
        [Parameter(ParameterSetName = ByConfig)]
        [Parameter(ParameterSetName = ByObject)]
        [ValidateNotNullOrEmpty]
        public string? Software { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(SoftwareVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Version { get; set; }

        [Parameter(ParameterSetName = ByName)]
        [Parameter(ParameterSetName = ByObject)]
        public RbOperatingSystem? OS { get; set; }

        /// <summary>Replaces the plugins (by id); with neither -PluginId nor -Plugin the plugins stay.</summary>
        [Parameter(ParameterSetName = ByName)]
        [Parameter(ParameterSetName = ByObject)]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public long[]? PluginId { get; set; }

        /// <summary>Replaces the plugins (by version text or name); @() removes them all.</summary>
        [Parameter]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public string[]? Plugin { get; set; }

        [Parameter(ParameterSetName = ByName)]
        [Parameter(ParameterSetName = ByObject)]
        [ValidateRange(0, 10)]
        public int? RenderLayerType { get; set; }

        [Parameter(ParameterSetName = ByName)]
        [Parameter(ParameterSetName = ByObject)]
        public string? ProjectPath { get; set; }

        [Parameter]
        public SwitchParameter Default { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (ParameterSetName == ByConfig || InputObject?.ConfigId != null)
            {
                var project = Project ?? new RbProject { ProjectId = InputObject!.ProjectId ?? 0 };
                var id = InputObject?.ConfigId ?? ConfigId;
                var spec = new RbProjectConfigSpec
                {
                    Software = Software, Version = Version, Plugins = Plugin, MakeDefault = Default,
                    RestOnly = new[] { "PluginId", "OS", "RenderLayerType", "ProjectPath" }
                        .Where(MyInvocation.BoundParameters.ContainsKey).ToList(),
                };
                Guarded(id, () =>
                {
                    var plan = Run(ct => session.Api2ProjectConfigs.PlanAsync(project, id, spec, ct));
                    if (!ShouldProcess($"configuration {id} of project '{plan.Project.Name}'",
                        "Change to " + plan.Description)) return;
                    var set = Run(ct => session.Api2ProjectConfigs.SetAsync(plan, ct));
                    if (PassThru) WriteObject(set);
                });
                return;
            }
            var name = ParameterSetName == ByObject ? InputObject!.Name ?? "" : Name;
            var change = new RbRenderEnvChange
            {
                Name = name, Version = Version, OS = OS, PluginIds = PluginId, Plugins = Plugin,
                RenderLayerType = RenderLayerType, ProjectPath = ProjectPath, MakeDefault = Default,
            };
            Guarded(name, () =>
            {
                var edit = Run(ct => session.Software.PlanRenderEnvEditAsync(change, ct));
                if (!ShouldProcess($"render environment '{edit.Current.Name}'", edit.Description)) return;
                var env = Run(ct => session.Software.ApplyRenderEnvEditAsync(edit, ct));
                if (PassThru) WriteObject(env);
            });
        }
    }
}
