using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Transfer
{
    /// <summary>Shows the account's transfer ids (bids) and its transfer engines with their lines.</summary>
    [RbSends(nameof(RbCatalog.GetBid), nameof(RbCatalog.GetTransferConfig))]
    [Cmdlet(VerbsCommon.Get, "RbTransferConfig")]
    [OutputType(typeof(RbTransferConfig))]
    public sealed class GetRbTransferConfigCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.AccessId, () => WriteObject(Run(ct => session.Transfer.GetConfigAsync(ct))));
        }
    }
}
