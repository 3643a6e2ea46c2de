using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>Deletes projects by name, or piped RbProjects (-InputObject) by their name.</summary>
    [RbSends(nameof(RbCatalog.DeleteProject))]
    [Cmdlet(VerbsCommon.Remove, "RbProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
        DefaultParameterSetName = ByName)]
    [OutputType(typeof(void))]
    [RbNameCompleter(typeof(ProjectNameCompleter))]
    public sealed class RemoveRbProjectCommand : RbRemoveByNameCmdlet<RbProject>
    {
        protected override string? NameOf(RbProject item) => item.Name;

        protected override string CheckName(string name) => RbInputRules.CheckProjectName(name);

        protected override string Target(string name) => $"project '{name}'";

        protected override string Action => "Delete the project (tasks filed under it keep their project name)";

        protected override Task RemoveAsync(RbSession session, string name, CancellationToken cancellationToken)
            => session.Projects.RemoveProjectAsync(name, cancellationToken);
    }
}
