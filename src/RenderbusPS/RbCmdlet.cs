using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;

namespace RenderbusPS
{
    /// <summary>
    /// Base of every cmdlet: a cancellation source cancelled by Ctrl+C (StopProcessing), Core calls awaited on the
    /// pipeline thread (so Write* is only ever called there), Core trace lines turned into verbose output, and
    /// exceptions turned into ErrorRecords with stable ids.
    /// </summary>
    public abstract class RbCmdlet : PSCmdlet, IDisposable
    {
        private readonly object cancellationGate = new object();
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private bool disposed;

        protected CancellationToken CancellationToken => cancellation.Token;

        /// <summary>Ctrl+C: cancels the Core call in flight. May race Dispose on another thread; it never
        /// throws.</summary>
        protected override void StopProcessing()
        {
            lock (cancellationGate)
            {
                if (!disposed) cancellation.Cancel();
            }
        }

        // Core's trace lines for this command; one queue for its lifetime, so that lines of work a call left running (a
        // pager's read-ahead) are written by the next call instead of being lost
        private readonly ConcurrentQueue<string> lines = new ConcurrentQueue<string>();

        /// <summary>Runs one Core call and blocks the pipeline thread until it ends; Ctrl+C cancels it.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> call)
        {
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

        /// <summary>
        /// Runs <paramref name="body"/>; a Core error becomes one non-terminating error for <paramref name="target"/>.
        /// Returns false when it did.
        /// </summary>
        protected bool Guarded(object? target, Action body)
        {
            try
            {
                body();
                return true;
            }
            catch (Exception error) when (RbErrorKinds.IsCoreError(error))
            {
                WriteRbError(error, target);
                return false;
            }
        }

        /// <summary>Writes one non-terminating error for <paramref name="target"/>.</summary>
        protected void WriteRbError(Exception error, object? target) =>
            WriteError(RbErrorRecords.ToRecord(error, target));

        /// <summary>Stops the command with an error.</summary>
        protected void ThrowRbError(Exception error, object? target) =>
            ThrowTerminatingError(RbErrorRecords.ToRecord(error, target));

        public void Dispose()
        {
            lock (cancellationGate)
            {
                if (disposed) return;
                disposed = true;
                cancellation.Dispose();
            }
            GC.SuppressFinalize(this);
        }
    }
}
