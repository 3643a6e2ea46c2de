using RenderbusPS.Core.Catalog;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Lists the account's render environments.</summary>
    [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.GetUserPluginConfig))]
    [Cmdlet(VerbsCommon.Get, "RbRenderEnv")]
    [OutputType(typeof(RbRenderEnv))]
    public sealed class GetRbRenderEnvCommand : RbSessionCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RenderEnvNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Software by name or id; a piped task or environment brings its own software.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SoftwareNameCompleter))]
        [Alias("SoftwareName")]
        [ValidateNotNullOrEmpty]
        [RbKey(RbKind.Software)]
        public string[]? Software { get; set; }

        [Parameter]
        public RbOperatingSystem? OS { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
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
