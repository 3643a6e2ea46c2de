using RenderbusPS.Core.Catalog;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Lists the account's render environments, or (API 2.0, -Project) a project's software
    /// configurations.</summary>
    [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.GetUserPluginConfig))]
    [RbSendsApi2("query_project")]
    [Cmdlet(VerbsCommon.Get, "RbRenderEnv", DefaultParameterSetName = AccountSet)]
    [OutputType(typeof(RbRenderEnv))]
    public sealed class GetRbRenderEnvCommand : RbSessionCmdlet
    {
        private const string AccountSet = "Account";
        private const string ProjectSet = "Project";

        [Parameter(Position = 0, ParameterSetName = AccountSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RenderEnvNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Software by name or id; a piped task or environment brings its own software.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = AccountSet)]
        [ArgumentCompleter(typeof(SoftwareNameCompleter))]
        [Alias("SoftwareName")]
        [ValidateNotNullOrEmpty]
        [RbKey(RbKind.Software)]
        public string[]? Software { get; set; }

        [Parameter(ParameterSetName = AccountSet)]
        public RbOperatingSystem? OS { get; set; }

        /// <summary>API 2.0: the project (by name or id, or piped) whose configurations to list.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProjectSet)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNull]
        [RbKey(RbKind.Project)]
        public RbProject? Project { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (ParameterSetName == ProjectSet)
            {
                Guarded(Project!.ToString(), () => WriteObject(
                    Run(ct => session.Api2ProjectConfigs.GetConfigsAsync(Project, ct)), true));
                return;
            }
            Guarded(Software, () =>
            {
                var ids = Software == null ? null : Run(ct => session.Software.ResolveSoftwareIdsAsync(Software, ct));
                var envs = Run(ct => session.Software.GetRenderEnvsAsync(ids, OS, ct));
                WriteObject(
                    RbNameFilter.Select(
                    this, envs, Name, e => e.Name, e => null, "Rb.RenderEnvNotFound", "render environment"), true);
            });
        }
    }
}
