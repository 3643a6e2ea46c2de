using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Reads the account's login log, every page, newest first.</summary>
    [RbSends(nameof(RbCatalog.LoginRecord))]
    [Cmdlet(VerbsCommon.Get, "RbLoginLog", SupportsPaging = true)]
    [OutputType(typeof(RbLoginRecord))]
    public sealed class GetRbLoginLogCommand : RbLogCmdlet<RbLoginRecord>
    {
        internal override RbPager<RbLoginRecord> Open(AccountApi account, RbLogQuery query) => account.LoginLog(query);
    }
}
