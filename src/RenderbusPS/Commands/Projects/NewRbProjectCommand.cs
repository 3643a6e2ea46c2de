using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>Creates projects (project/add with status 1 on REST; create_project on API 2.0, with a path, render
    /// OS, remark and owner) and writes each as the farm lists it.</summary>
    [RbSends(nameof(RbCatalog.AddProject), nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
    [RbSendsApi2("create_project", "query_project")]
    [Cmdlet(VerbsCommon.New, "RbProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RbProject))]
    public sealed class NewRbProjectCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>API 2.0: the project's path on the farm.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>API 2.0: the OS the project renders on.</summary>
        [Parameter]
        public RbOperatingSystem? RenderOS { get; set; }

        /// <summary>API 2.0: a remark.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Remark { get; set; }

        /// <summary>API 2.0: the sub-account that owns the project (the session's account when left out).</summary>
        [Parameter]
        [Alias("SubAccount")]
        [ValidateNotNullOrEmpty]
        public string? Owner { get; set; }

        private RbProjectSpec Spec(string name) => new RbProjectSpec
            { Name = name.Trim(), Path = Path, RenderOS = RenderOS, Remark = Remark, Owner = Owner };

        protected override void BeginProcessing()
        {
            // a name or field the session's protocol would refuse is refused before anything is asked or sent
            var session = ActiveSession;
            try
            {
                foreach (var n in Name) session.ProjectSource.Check(Spec(n));
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
                var spec = Spec(name);
                if (!ShouldProcess($"project '{spec.Name}'", "Create")) continue;
                Guarded(spec.Name, () => WriteObject(Run(ct => session.ProjectSource.AddProjectAsync(spec, ct))));
            }
        }
    }
}
