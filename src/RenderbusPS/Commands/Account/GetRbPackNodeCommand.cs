using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Lists the account's pack-node plans (reserved render nodes).</summary>
    [RbSends(nameof(RbCatalog.GetUserPackNodeInfo))]
    [Cmdlet(VerbsCommon.Get, "RbPackNode")]
    [OutputType(typeof(RbPackNode))]
    public sealed class GetRbPackNodeCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.AccessId, () => WriteObject(Run(ct => session.Account.GetPackNodesAsync(ct)), true));
        }
    }
}
