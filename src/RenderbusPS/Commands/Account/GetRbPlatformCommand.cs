using RenderbusPS.Core.Catalog;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Lists the render clusters (platforms) of the session's zone.</summary>
    [RbSends(nameof(RbCatalog.QueryPlatforms))]
    [Cmdlet(VerbsCommon.Get, "RbPlatform")]
    [OutputType(typeof(RbPlatform))]
    public sealed class GetRbPlatformCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.Domain, () => WriteObject(Run(ct => session.Account.GetPlatformsAsync(ct)), true));
        }
    }
}
