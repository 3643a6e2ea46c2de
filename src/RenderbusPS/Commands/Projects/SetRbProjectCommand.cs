using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>
    /// Renames a project or changes its path, render OS or remark (API 2.0's operate_project; REST has no such
    /// call). Takes a project by name or id, or piped projects; the farm is asked which project it is first.
    /// </summary>
    [RbSendsApi2("query_project", "operate_project")]
    [Cmdlet(VerbsCommon.Set, "RbProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbProject))]
    public sealed class SetRbProjectCommand : RbSessionCmdlet
    {
        /// <summary>A project by name or id, or piped from Get-RbProject.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNull]
        [RbKey(RbKind.Project)]
        public RbProject? Project { get; set; }

        /// <summary>The new name: 1 to 20 digits or Latin letters.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter]
        public RbOperatingSystem? RenderOS { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Remark { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private RbProjectChange Change => new RbProjectChange
            { NewName = NewName, Path = Path, RenderOS = RenderOS, Remark = Remark };

        protected override void BeginProcessing()
        {
            try
            {
                Api2ProjectsApi.Check(Change);
            }
            catch (RbValidationException ex)
            {
                ThrowRbError(ex, ex.Target);
            }
        }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            var change = Change;
            Guarded(Project!.ToString(), () =>
            {
                var found = Run(ct => session.Api2Projects.FindAsync(Project, ct));
                if (!ShouldProcess($"project '{found.Name}' ({found.ProjectId})", "Change: " + change.Description))
                    return;
                var set = Run(ct => session.Api2Projects.SetProjectAsync(found, change, ct));
                if (PassThru) WriteObject(set);
            });
        }
    }
}
