using System.Globalization;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>Lists projects: the account's own, with its main account's, or every project under the main
    /// account. On API 2.0 also by owner or software, with each project's path, OS, remark and
    /// configurations.</summary>
    [RbSends(nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
    [RbSendsApi2("query_project")]
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

        /// <summary>API 2.0: only the projects of this account or sub-account.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Owner { get; set; }

        /// <summary>API 2.0: only projects with a configuration of this software (part of its name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Software { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            var query = new RbProjectQuery { Scope = Scope, Owner = Owner, Software = Software };
            Guarded(null, () =>
            {
                var projects = Run(ct => session.ProjectSource.GetProjectsAsync(query, ct));
                WriteObject(
                    RbNameFilter.Select(
                    this, projects, Name, p => p.Name, p => p.ProjectId.ToString(CultureInfo.InvariantCulture),
                    "Rb.ProjectNotFound", "project"), true);
            });
        }
    }
}
