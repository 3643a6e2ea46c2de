using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Transfer
{
    /// <summary>Gets the account's RaySync keys as SecureStrings (never shown in a view or text).</summary>
    [RbSends(nameof(RbCatalog.GetRaySyncUserKey))]
    [Cmdlet(VerbsCommon.Get, "RbRaySyncKey")]
    [OutputType(typeof(RbRaySyncKey))]
    public sealed class GetRbRaySyncKeyCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.AccessId, () => WriteObject(Run(ct => session.Transfer.GetRaySyncKeyAsync(ct))));
        }
    }
}
