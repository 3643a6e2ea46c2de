using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>Creates projects (project/add with status 1, as the official client sends) and writes each as the farm
    /// lists it.</summary>
    [RbSends(nameof(RbCatalog.AddProject), nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
    [Cmdlet(VerbsCommon.New, "RbProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RbProject))]
    public sealed class NewRbProjectCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        protected override void BeginProcessing()
        {
            // a blank or over-long name is refused before anything is asked or sent
            try
            {
                foreach (var n in Name) RbInputRules.CheckProjectName(n);
            }
            catch (RbValidationException ex)
            {
                ThrowRbError(ex, ex.Target);
            }
        }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            foreach (var name in Name)
            {
                var n = name.Trim();
                if (!ShouldProcess($"project '{n}'", "Create")) continue;
                Guarded(n, () => WriteObject(Run(ct => session.Projects.AddProjectAsync(n, ct))));
            }
        }
    }
}
