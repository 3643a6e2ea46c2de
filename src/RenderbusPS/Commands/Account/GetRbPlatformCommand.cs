using System.Management.Automation;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Lists the render clusters (platforms) of the session's zone.</summary>
    [Cmdlet(VerbsCommon.Get, "RbPlatform")]
    [OutputType(typeof(RbPlatform))]
    public sealed class GetRbPlatformCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var client = Client;
            Guarded(client.Endpoint.SignHost, () => WriteObject(Run(ct => client.Account.GetPlatformsAsync(ct)), true));
        }
    }

    /// <summary>Shows the account's profile.</summary>
    [Cmdlet(VerbsCommon.Get, "RbUser")]
    [OutputType(typeof(RbUser))]
    public sealed class GetRbUserCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var client = Client;
            Guarded(client.AccessId, () => WriteObject(Run(ct => client.Account.GetUserAsync(ct))));
        }
    }
}
