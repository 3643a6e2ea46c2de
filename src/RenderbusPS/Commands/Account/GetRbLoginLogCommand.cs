using System;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Commands.Tasks;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Reads the account's login log, every page, newest first.</summary>
    [RbSends("loginRecord")]
    [Cmdlet(VerbsCommon.Get, "RbLoginLog", SupportsPaging = true)]
    [OutputType(typeof(RbLoginRecord))]
    public sealed class GetRbLoginLogCommand : RbSessionCmdlet
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
            Guarded(null, () => WritePages(client.Account().LoginLog(new RbLogQuery
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
