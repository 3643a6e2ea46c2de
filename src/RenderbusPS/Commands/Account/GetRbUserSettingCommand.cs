using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Shows the account's settings, such as the default task time-out.</summary>
    [RbSends(nameof(RbCatalog.QueryUserSetting))]
    [Cmdlet(VerbsCommon.Get, "RbUserSetting")]
    [OutputType(typeof(RbUserSetting))]
    public sealed class GetRbUserSettingCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(session.AccessId, () => WriteObject(Run(ct => session.Account.GetSettingAsync(ct))));
        }
    }
}
