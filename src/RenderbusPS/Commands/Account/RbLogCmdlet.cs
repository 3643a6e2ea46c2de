using System;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Paging;
using RenderbusPS.Core;

namespace RenderbusPS.Commands.Account
{
    /// <summary>
    /// A log of the account read over a time window, every page, newest first (-After, -Before, -PageSize and
    /// -First/-Skip/-IncludeTotalCount): the operation log and the login log differ only in the pager they open.
    /// </summary>
    public abstract class RbLogCmdlet<T> : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        /// <summary>Records from this time on (default: 30 days before -Before).</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Records up to this time (default: now).</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        [Parameter]
        [ValidateRange(1, RbCatalog.PageLimit)]
        public int PageSize { get; set; } = RbCatalog.PageLimit;

        internal abstract RbPager<T> Open(AccountApi account, RbLogQuery query);

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(null, () => WritePages(Open(session.Account, new RbLogQuery
            {
                After = ToOffset(After),
                Before = ToOffset(Before),
                PageSize = PageSize,
                Skip = PagingSkip,
                First = PagingFirst,
            })));
        }
    }
}
