using RenderbusPS.Core.Catalog;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Shows the account's profile.</summary>
    [RbSends(nameof(RbCatalog.QueryUserProfile))]
    [RbSendsApi2("query_customer")]
    [Cmdlet(VerbsCommon.Get, "RbUser")]
    [OutputType(typeof(RbUser))]
    public sealed class GetRbUserCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.AccessId, () => WriteObject(Run(ct => session.UserReader.GetUserAsync(ct))));
        }
    }
}
