using System.Management.Automation;
using RenderbusPS.Core;

namespace RenderbusPS
{
    /// <summary>
    /// A session cmdlet that may have several requests in flight (a listing's pages, a wait's polls, a bulk change's calls):
    /// it takes -ThrottleLimit, else the session's limit (Connect-Renderbus -ThrottleLimit, 4 by default).
    /// </summary>
    public abstract class RbThrottledCmdlet : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        /// <summary>-ThrottleLimit when given, else null (the session's limit applies).</summary>
        protected int? RequestedThrottleLimit => MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)) ? ThrottleLimit : (int?)null;

        /// <summary>The limit this call runs with: -ThrottleLimit, else the session's.</summary>
        protected int Throttle => Client.ThrottleLimitFor(RequestedThrottleLimit);
    }
}
