using System;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Commands.Tasks;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Reads the account's operation log on the session's platform (who stopped, started, deleted or restarted which tasks), every page, newest first.</summary>
    [RbSends("taskRecord")]
    [Cmdlet(VerbsCommon.Get, "RbOperationLog", SupportsPaging = true)]
    [OutputType(typeof(RbOperationRecord))]
    public sealed class GetRbOperationLogCommand : RbSessionCmdlet
    {
        /// <summary>Records from this time on (default: 30 days before -Before).</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Records up to this time (default: now).</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        [Parameter]
        [ValidateRange(1, RbCatalog.PageLimit)]
        public int PageSize { get; set; } = RbCatalog.PageLimit;

        protected override void ProcessRecord()
        {
            var client = Client;
            Guarded(null, () => WritePages(client.Account().OperationLog(new RbLogQuery
            {
                After = GetRbTaskCommand.ToOffset(After),
                Before = GetRbTaskCommand.ToOffset(Before),
                PageSize = PageSize,
                Skip = PagingSkip,
                First = PagingFirst,
            })));
        }
    }
}
