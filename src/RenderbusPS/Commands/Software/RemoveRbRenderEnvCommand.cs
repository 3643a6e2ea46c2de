using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Deletes render environments by name, or piped RbRenderEnvs (-InputObject) by their name. On API 2.0
    /// it deletes a project's configurations: by -ConfigId, piped, or every one with -All.</summary>
    [RbSends(nameof(RbCatalog.DeleteUserPluginConfig))]
    [RbSendsApi2("query_project", "operate_project")]
    [Cmdlet(VerbsCommon.Remove, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ByName)]
    [OutputType(typeof(void))]
    [RbNameCompleter(typeof(RenderEnvNameCompleter))]
    public sealed class RemoveRbRenderEnvCommand : RbRemoveByNameCmdlet<RbRenderEnv>
    {
        private const string ByConfig = "ByConfig";
        private const string AllConfigs = "AllConfigs";

        /// <summary>API 2.0: the project (by name or id, or piped) whose configurations to delete.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByConfig)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = AllConfigs)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNull]
        [RbKey(RbKind.Project)]
        public RbProject? Project { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByConfig)]
        public long[] ConfigId { get; set; } = Array.Empty<long>();

        /// <summary>Deletes every configuration of the project (operate_project with no configuration id).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllConfigs)]
        public SwitchParameter All { get; set; }

        protected override string? NameOf(RbRenderEnv item) => item.Name;

        protected override string? Describe(RbRenderEnv item)
            => $"{item.SoftwareName} {item.Version} on {item.OS}{(item.IsDefault ? ", the default" : "")}";

        protected override string CheckName(string name) => RbInputRules.CheckRenderEnvName(name);

        protected override string Target(string name) => $"render environment '{name}'";

        protected override string Action => "Delete the render environment";

        protected override Task RemoveAsync(RbSession session, string name, CancellationToken cancellationToken)
            => session.Software.RemoveRenderEnvAsync(name, cancellationToken);

        protected override void ProcessRecord()
        {
            var configs = InputObject.Where(e => e.ConfigId.HasValue).ToArray();
            if (ParameterSetName == ByObject && configs.Length > 0)
            {
                foreach (var c in configs) Remove(new RbProject { ProjectId = c.ProjectId ?? 0 }, c.ConfigId);
                InputObject = InputObject.Where(e => !e.ConfigId.HasValue).ToArray();
                if (InputObject.Length == 0) return;
            }
            if (ParameterSetName == ByConfig) foreach (var id in ConfigId) Remove(Project!, id);
            else if (ParameterSetName == AllConfigs) Remove(Project!, null);
            else base.ProcessRecord();
        }

        /// <summary>One configuration, or (null) every one, of a project, after ShouldProcess.</summary>
        private void Remove(RbProject project, long? configId)
        {
            var session = ActiveSession;
            Guarded((object?)configId ?? project.ToString(), () =>
            {
                var found = Run(ct => session.Api2Projects.FindAsync(project, ct));
                var config = configId.HasValue ? Api2ProjectConfigs.Find(found, configId.Value) : null;
                var target = config != null ? $"configuration {config.ConfigId} of project '{found.Name}' "
                    + $"({config.SoftwareName} {config.Version}{(config.IsDefault ? ", the default" : "")})"
                    : $"every configuration of project '{found.Name}' ({found.Configs.Count})";
                if (!ShouldProcess(target, config != null ? "Delete the configuration" : "Delete all configurations"))
                    return;
                Run(async ct =>
                {
                    if (config != null) await session.Api2ProjectConfigs.RemoveAsync(found, config.ConfigId!.Value, ct)
                        .ConfigureAwait(false);
                    else await session.Api2ProjectConfigs.RemoveAllAsync(found, ct).ConfigureAwait(false);
                    return true;
                });
            });
        }
    }
}
