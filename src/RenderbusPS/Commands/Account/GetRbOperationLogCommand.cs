using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Reads the account's operation log on the session's platform (who stopped, started, deleted or restarted
    /// which tasks), every page, newest first.</summary>
    [RbSends(nameof(RbCatalog.TaskRecord))]
    [Cmdlet(VerbsCommon.Get, "RbOperationLog", SupportsPaging = true)]
    [OutputType(typeof(RbOperationRecord))]
    public sealed class GetRbOperationLogCommand : RbLogCmdlet<RbOperationRecord>
    {
        internal override RbPager<RbOperationRecord> Open(AccountApi account, RbLogQuery query) =>
            account.OperationLog(query);
    }
}
