using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>
    /// Deletes render environments by name. A piped RbRenderEnv is taken whole (-InputObject), so a software's or a
    /// project's Name never reaches this command through the pipeline.
    /// </summary>
    [RbSends("deleteUserPluginConfig")]
    [Cmdlet(VerbsCommon.Remove, "RbRenderEnv", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(void))]
    public sealed class RemoveRbRenderEnvCommand : RbSessionCmdlet
    {
        private const string ByName = "ByName";
        private const string ByObject = "ByObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Environments as Get-RbRenderEnv writes them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObject)]
        [ValidateNotNull]
        public RbRenderEnv[] InputObject { get; set; } = Array.Empty<RbRenderEnv>();

        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void ProcessRecord()
        {
            var client = Client;
            var targets = ParameterSetName == ByObject
                ? InputObject.Select(e => (Name: e.Name ?? "", What: (string?)$"{e.SoftwareName} {e.Version} on {e.OS}{(e.IsDefault ? ", the default" : "")}"))
                : Name.Select(n => (Name: n, What: (string?)null));
            foreach (var (name, what) in targets)
            {
                var n = name.Trim();
                if (!seen.Add(n)) continue;
                if (!ShouldProcess($"render environment '{n}'" + (what == null ? "" : $" ({what})"), "Delete the render environment")) continue;
                Guarded(n, () => Run(async ct => { await client.Software().RemoveRenderEnvAsync(n, ct).ConfigureAwait(false); return true; }));
            }
        }
    }
}
