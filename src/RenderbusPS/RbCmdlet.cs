using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Paging;

namespace RenderbusPS
{
    /// <summary>
    /// Base of every cmdlet: a cancellation source cancelled by Ctrl+C (StopProcessing), Core calls awaited on the
    /// pipeline thread (so Write* is only ever called there), Core trace lines turned into verbose output, and
    /// exceptions turned into ErrorRecords with stable ids.
    /// </summary>
    public abstract class RbCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();

        protected CancellationToken CancellationToken => cancellation.Token;

        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>Runs one Core call and blocks the pipeline thread until it ends; Ctrl+C cancels it.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> call)
        {
            var lines = new ConcurrentQueue<string>();
            var previous = RbTrace.Sink;
            Task<T> task;
            RbTrace.Sink = lines.Enqueue;
            try
            {
                task = call(cancellation.Token);
            }
            finally
            {
                RbTrace.Sink = previous;
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                while (lines.TryDequeue(out var line)) WriteVerbose(line);
            }
        }

        /// <summary>True for the errors Core raises on purpose (service, transport, protocol, bad input).</summary>
        protected static bool IsCoreError(Exception error)
            => error is RbApiException || error is RbTransportException || error is RbProtocolException || error is RbValidationException;

        /// <summary>Runs <paramref name="body"/>; a Core error becomes one non-terminating error for <paramref name="target"/>.</summary>
        protected void Guarded(object? target, Action body)
        {
            try
            {
                body();
            }
            catch (Exception error) when (IsCoreError(error))
            {
                WriteRbError(error, target);
            }
        }

        /// <summary>Writes one non-terminating error for <paramref name="target"/>.</summary>
        protected void WriteRbError(Exception error, object? target) => WriteError(RbErrors.ToRecord(error, target));

        /// <summary>Stops the command with an error.</summary>
        protected void ThrowRbError(Exception error, object? target) => ThrowTerminatingError(RbErrors.ToRecord(error, target));

        public void Dispose()
        {
            cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>A cmdlet that talks to Renderbus: it takes -Session, else the runspace's default session.</summary>
    public abstract class RbSessionCmdlet : RbCmdlet
    {
        /// <summary>The session to use instead of the default one made by Connect-Renderbus.</summary>
        [Parameter]
        [ValidateNotNull]
        public RbSession? Session { get; set; }

        private RbSession? resolved;

        /// <summary>The session in use: -Session, else the default; a clear terminating error when there is none.</summary>
        protected RbSession ResolveSession()
        {
            if (resolved != null) return resolved;
            var session = Session ?? RbSessionStore.Default;
            if (session == null)
            {
                ThrowRbError(new RbValidationException("Rb.NoSession", "There is no Renderbus session in this PowerShell session.", "Session",
                    "Run Connect-Renderbus first (or Start-RbEmulator | Connect-Renderbus to try the local emulator), or pass -Session."), null);
            }
            if (!session!.IsConnected)
            {
                ThrowRbError(new RbValidationException("Rb.SessionClosed", $"The session to {session.Domain} was disconnected.", "Session",
                    "Run Connect-Renderbus again."), session);
            }
            resolved = session;
            return session;
        }

        /// <summary>The session's client.</summary>
        protected RbClient Client => ResolveSession().Client;

        /// <summary>
        /// Writes each page's items as the page arrives; with -IncludeTotalCount, the service's total first.
        /// -First/-Skip were given to the pager, which asks only for the pages it needs.
        /// </summary>
        protected void WritePages<T>(RbPager<T> pager)
        {
            var first = true;
            while (!pager.IsDone)
            {
                var items = Run(pager.NextAsync);
                if (first && PagingParameters != null && PagingParameters.IncludeTotalCount)
                {
                    var total = pager.Total ?? items.Count;
                    WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, total), pager.Total.HasValue ? 1.0 : 0.0));
                }
                first = false;
                foreach (var item in items) WriteObject(item);
            }
        }
    }
}
