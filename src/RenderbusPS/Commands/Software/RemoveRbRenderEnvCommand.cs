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
    /// <summary>Deletes render environments by name, or piped RbRenderEnvs (-InputObject) by their name.</summary>
    [RbSends(nameof(RbCatalog.DeleteUserPluginConfig))]
    [Cmdlet(VerbsCommon.Remove, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ByName)]
    [OutputType(typeof(void))]
    [RbNameCompleter(typeof(RenderEnvNameCompleter))]
    public sealed class RemoveRbRenderEnvCommand : RbRemoveByNameCmdlet<RbRenderEnv>
    {
        protected override string? NameOf(RbRenderEnv item) => item.Name;

        protected override string? Describe(RbRenderEnv item)
            => $"{item.SoftwareName} {item.Version} on {item.OS}{(item.IsDefault ? ", the default" : "")}";

        protected override string CheckName(string name) => RbInputRules.CheckRenderEnvName(name);

        protected override string Target(string name) => $"render environment '{name}'";

        protected override string Action => "Delete the render environment";

        protected override Task RemoveAsync(RbSession session, string name, CancellationToken cancellationToken)
            => session.Software.RemoveRenderEnvAsync(name, cancellationToken);
    }
}
