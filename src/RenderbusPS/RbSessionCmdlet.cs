using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Paging;

namespace RenderbusPS
{
    /// <summary>
    /// A cmdlet that talks to Renderbus: it takes -Session, else the runspace's default session.
    /// <para>
    /// Pipeline input: a parameter that takes input by property name carries <c>[RbKey(RbKind.…)]</c> naming the kind
    /// of thing it identifies, and is named so that PowerShell can only bind a property of that kind: <c>Id</c> (alias
    /// <c>TaskId</c>) on task cmdlets, <c>TaskId</c> (alias <c>Id</c>) and <c>FrameId</c> on frame cmdlets. See
    /// <see cref="Core.Models.RbKeyAttribute"/> for the rule; the contract tests check every output type against every
    /// cmdlet.
    /// </para>
    /// </summary>
    public abstract partial class RbSessionCmdlet : RbCmdlet
    {
        /// <summary>The session to use instead of the default one made by Connect-Renderbus.</summary>
        [Parameter]
        [ValidateNotNull]
        public RbSession? Session { get; set; }

        private RbSession? active;

        /// <summary>
        /// -ThrottleLimit when the cmdlet has one and it was given, else null (the session's limit applies). The
        /// cmdlets that have several requests in flight declare the parameter themselves, so the base chain stays
        /// short.
        /// </summary>
        protected int? RequestedThrottleLimit
            => MyInvocation.BoundParameters.TryGetValue("ThrottleLimit", out var given) ? (int?)given : null;

        /// <summary>The limit this call runs with: -ThrottleLimit, else the session's.</summary>
        protected int Throttle => Client.ThrottleLimit;

        /// <summary>
        /// -Session, else the default session, with this call's -ThrottleLimit; a clear terminating error when there is
        /// none or it was closed. Read it on the pipeline thread before a Run.
        /// </summary>
        protected RbSession ActiveSession
        {
            get
            {
                if (active != null) return active;
                var session = Session ?? RbSessionStore.Default;
                try
                {
                    var open = session ?? throw new RbValidationException("Rb.NoSession",
                        "There is no Renderbus session in this PowerShell session.", "Session",
                        "Run Connect-Renderbus first (or Start-RbEmulator | Connect-Renderbus to try the local "
                        + "emulator), or pass -Session.");
                    _ = open.Client; // Rb.SessionClosed once disconnected
                    active = open.WithThrottleLimit(RequestedThrottleLimit);
                }
                catch (RbValidationException ex)
                {
                    ThrowRbError(ex, session);
                    throw;
                }
                return active;
            }
        }

        /// <summary>The client of <see cref="ActiveSession"/>.</summary>
        protected RbClient Client => ActiveSession.Client;

        /// <summary>-Skip of SupportsPaging as a count (0 when not given).</summary>
        protected long PagingSkip => PagingParameters == null ? 0
            : (long)Math.Min(PagingParameters.Skip, long.MaxValue);

        /// <summary>-First of SupportsPaging, or null when not given.</summary>
        protected long? PagingFirst => PagingParameters == null || PagingParameters.First == ulong.MaxValue
            ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue);

        /// <summary>A time given to a parameter as an instant: one typed without a zone ("2026-11-20 18:00") is local
        /// time.</summary>
        protected static DateTimeOffset? ToOffset(DateTime? time)
            => time.HasValue ? new DateTimeOffset(
                time.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time.Value, DateTimeKind.Local)
                : time.Value) : (DateTimeOffset?)null;

        /// <summary>
        /// Writes each page's items as the page arrives; with -IncludeTotalCount, the service's total first.
        /// -First/-Skip were given to the pager, which asks only for the pages it needs. <paramref name="expand"/>
        /// writes each item as several objects (a task and its sub-tasks); -First/-Skip count the items.
        /// </summary>
        private protected void WritePages<T>(
            IRbPages<T> pager, Func<T, System.Collections.Generic.IEnumerable<object>>? expand = null)
        {
            using (pager)
            {
                var first = true;
                while (!pager.IsDone)
                {
                    var items = Run(pager.NextAsync);
                    if (first && PagingParameters != null && PagingParameters.IncludeTotalCount)
                    {
                        var total = pager.Total ?? items.Count;
                        WriteObject(
                            PagingParameters.NewTotalCount(
                            (ulong)Math.Max(0, total), !pager.Total.HasValue ? 0.0 : pager.TotalIsExact ? 1.0 : 0.5));
                    }
                    first = false;
                    foreach (var item in items)
                    {
                        if (expand == null) WriteObject(item);
                        else foreach (var each in expand(item)) WriteObject(each);
                    }
                }
            }
        }
    }
}
