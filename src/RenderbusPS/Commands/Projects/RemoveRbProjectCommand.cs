using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Projects
{
    /// <summary>
    /// Deletes projects by name. A piped RbProject is taken whole (-InputObject) and deleted by its name, so no other
    /// object's Name can reach this command through the pipeline.
    /// </summary>
    [RbSends("deleteProject")]
    [Cmdlet(VerbsCommon.Remove, "RbProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(void))]
    public sealed class RemoveRbProjectCommand : RbSessionCmdlet
    {
        private const string ByName = "ByName";
        private const string ByObject = "ByObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Projects as Get-RbProject writes them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObject)]
        [ValidateNotNull]
        public RbProject[] InputObject { get; set; } = Array.Empty<RbProject>();

        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            var client = Client;
            var names = ParameterSetName == ByObject ? InputObject.Select(p => p.Name ?? "") : Name;
            foreach (var name in names)
            {
                string n;
                try { n = RbInputRules.CheckProjectName(name); }
                catch (RbValidationException ex) { WriteRbError(ex, name); continue; }
                if (!seen.Add(n)) continue;
                if (!ShouldProcess($"project '{n}'", "Delete the project (tasks filed under it keep their project name)")) continue;
                Guarded(n, () => Run(async ct => { await client.Projects().RemoveProjectAsync(n, ct).ConfigureAwait(false); return true; }));
            }
        }
    }
}
