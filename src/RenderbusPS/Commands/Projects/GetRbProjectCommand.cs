using System.Globalization;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>Lists projects: the account's own, with its main account's, or every project under the main
    /// account.</summary>
    [RbSends(nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
    [Cmdlet(VerbsCommon.Get, "RbProject")]
    [OutputType(typeof(RbProject))]
    public sealed class GetRbProjectCommand : RbSessionCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Own (flag 0, the default), WithMainAccount (flag 1) or All (flag 2).</summary>
        [Parameter]
        public RbProjectScope Scope { get; set; } = RbProjectScope.Own;

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(null, () =>
            {
                var projects = Run(ct => session.Projects.GetProjectsAsync(Scope, ct));
                WriteObject(
                    RbNameFilter.Select(
                    this, projects, Name, p => p.Name, p => p.ProjectId.ToString(CultureInfo.InvariantCulture),
                    "Rb.ProjectNotFound", "project"), true);
            });
        }
    }
}
