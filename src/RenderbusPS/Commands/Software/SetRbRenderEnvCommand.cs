using System;
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
    /// New-RbRenderEnv's do.
    /// </summary>
    [RbSends(
        nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail),
        nameof(RbCatalog.GetUserPluginConfig), nameof(RbCatalog.EditUserPluginConfig),
        nameof(RbCatalog.SetDefaultUserPluginConfig))]
    [Cmdlet(VerbsCommon.Set, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = ByName)]
    [OutputType(typeof(RbRenderEnv))]
    public sealed class SetRbRenderEnvCommand : RbSessionCmdlet
    {
        private const string ByName = "ByName";
        private const string ByObject = "ByObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(RenderEnvNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>An environment as Get-RbRenderEnv writes it.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObject)]
        [ValidateNotNull]
        public RbRenderEnv? InputObject { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(SoftwareVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Version { get; set; }

        [Parameter]
        public RbOperatingSystem? OS { get; set; }

        /// <summary>Replaces the plugins (by id); with neither -PluginId nor -Plugin the plugins stay.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public long[]? PluginId { get; set; }

        /// <summary>Replaces the plugins (by version text or name); @() removes them all.</summary>
        [Parameter]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(PluginCompleter))]
        public string[]? Plugin { get; set; }

        [Parameter]
        [ValidateRange(0, 10)]
        public int? RenderLayerType { get; set; }

        [Parameter]
        public string? ProjectPath { get; set; }

        [Parameter]
        public SwitchParameter Default { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
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
