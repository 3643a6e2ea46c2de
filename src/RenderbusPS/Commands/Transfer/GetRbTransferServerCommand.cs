using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Transfer
{
    /// <summary>Shows the RaySync transfer server of the session's zone.</summary>
    [RbSends(nameof(RbCatalog.GetServerInfo))]
    [Cmdlet(VerbsCommon.Get, "RbTransferServer")]
    [OutputType(typeof(RbTransferServer))]
    public sealed class GetRbTransferServerCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.AccessId, () => WriteObject(Run(ct => session.Transfer.GetServerAsync(ct))));
        }
    }
}
