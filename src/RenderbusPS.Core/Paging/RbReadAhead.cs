using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// The requests a reader of numbered pages has in flight ahead of the page it is on: at most a throttle limit at
    /// once, each page asked for once, handed back by number when the reader gets to it. A change that renumbers the
    /// pages (<see cref="Invalidate"/>) drops every page read so far; the service struggling (429, 5xx, code 500,
    /// transport) halves the limit for the rest of the reading. <see cref="Cancel"/> and <see cref="Dispose"/> cancel
    /// every request in flight. Thread-safe.
    /// </summary>
    internal sealed class RbReadAhead<TPage> : IDisposable
    {
        private readonly Func<int, CancellationToken, Task<TPage>> fetch;
        private readonly string what;
        private readonly object gate = new object();
        // each page read ahead has its own source, linked to the master one: dropping the pages held cancels only them
        // (never a page the reader has taken and is waiting on); Cancel and Dispose cancel the master, and so
        // everything
        private readonly Dictionary<int, (Task<TPage> Read, CancellationTokenSource Stop)> pages =
            new Dictionary<int, (Task<TPage>, CancellationTokenSource)>();
        private readonly CancellationTokenSource master = new CancellationTokenSource();
        private int concurrency;
        private int requested;
        private int ended;
        private int cancelled;
        private int maxInFlight;
        private bool disposed;

        public RbReadAhead(Func<int, CancellationToken, Task<TPage>> fetch, int throttleLimit, string what)
        {
            RbInputRules.CheckThrottleLimit(throttleLimit);
            this.fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
            this.what = what;
            ThrottleLimit = throttleLimit;
            concurrency = throttleLimit;
        }

        public int ThrottleLimit { get; }
        public int Concurrency { get { lock (gate) return concurrency; } }
        public int Requested => Volatile.Read(ref requested);
        public int InFlight => Volatile.Read(ref requested) - Volatile.Read(ref ended);
        public int Cancelled => Volatile.Read(ref cancelled);
        /// <summary>The most requests that were in flight at once.</summary>
        public int MaxInFlight => Volatile.Read(ref maxInFlight);

        /// <summary>The page read ahead under this number since the last <see cref="Invalidate"/>, taken out; else
        /// null. Pages before it are dropped.</summary>
        public Task<TPage>? Take(int pageNum)
        {
            Task<TPage>? read = null;
            var dropped = new List<CancellationTokenSource>();
            lock (gate)
            {
                // Invalidate empties the pages held, so every page here was asked for under the current numbering
                if (pages.TryGetValue(pageNum, out var entry)) read = entry.Read;
                pages.Remove(pageNum);
                foreach (var old in pages.Keys.Where(k => k < pageNum).ToList())
                {
                    dropped.Add(pages[old].Stop);
                    pages.Remove(old);
                }
            }
            CancelAll(dropped);
            return read;
        }

        /// <summary>
        /// Asks for the pages from <paramref name="from"/> to <paramref name="last"/> not asked for yet, while fewer
        /// than the concurrency are held (in flight or read and not yet taken), counting <paramref name="busy"/>
        /// requests the reader has in flight itself.
        /// </summary>
        public void Fill(int from, int last, int busy)
        {
            lock (gate)
            {
                if (disposed || concurrency <= 1 || master.IsCancellationRequested) return;
                var slots = concurrency - busy;
                for (var pageNum = from; pageNum <= last && slots > 0; pageNum++)
                {
                    // a page read but not yet taken counts as much as one in flight: the window never runs further
                    // ahead of the reader than the limit, so a slow consumer never makes the pager hold more than that
                    // many pages
                    if (pages.ContainsKey(pageNum))
                    {
                        slots--;
                        continue;
                    }
                    var stop = CancellationTokenSource.CreateLinkedTokenSource(master.Token);
                    var read = FetchAsync(pageNum, stop.Token);
                    // a page dropped unread must not leave an unobserved exception behind; its source is let go once it
                    // ended
                    _ = read.ContinueWith(t => { _ = t.Exception; stop.Dispose(); }, CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    pages[pageNum] = (read, stop);
                    slots--;
                }
            }
        }

        /// <summary>One page request, counted, off the caller's thread, with the service's struggles lowering the
        /// concurrency.</summary>
        public async Task<TPage> FetchAsync(int pageNum, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref requested) - Volatile.Read(ref ended);
            int max;
            while (now > (max = Volatile.Read(ref maxInFlight))
                && Interlocked.CompareExchange(ref maxInFlight, now, max) != max) { }
            try
            {
                // on the thread pool (never the caller's synchronization context, which may be a blocked pipeline
                // thread), with this reader listening for the service struggling
                return await Task.Run(() =>
                {
                    RbCallWatch.Listener = Struggled;
                    return fetch(pageNum, cancellationToken);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
            finally
            {
                Interlocked.Increment(ref ended);
            }
        }

        /// <summary>The pages are numbered anew: drop those read ahead; with <paramref name="oneAtATime"/>, read no
        /// more ahead.</summary>
        public void Invalidate(bool oneAtATime)
        {
            List<CancellationTokenSource> dropped;
            lock (gate)
            {
                if (oneAtATime && concurrency > 1)
                {
                    RbTrace.Write($"The {what} given out are leaving the list; reading one page at a time from here.");
                    concurrency = 1;
                }
                dropped = TakeHeld();
            }
            CancelAll(dropped);
        }

        /// <summary>Reads one page at a time from here (a list that keeps changing under the reader).</summary>
        public void OneAtATime(string why)
        {
            lock (gate)
            {
                if (concurrency <= 1) return;
                concurrency = 1;
                RbTrace.Write($"The {what} keep changing ({why}); reading one page at a time from here.");
            }
        }

        private void Struggled(Exception transient)
        {
            lock (gate)
            {
                if (concurrency <= 1) return;
                concurrency = Math.Max(1, concurrency / 2);
                RbTrace.Write(
                    $"The service struggled ({transient.Message}); reading the {what} with {concurrency} request{(concurrency == 1 ? "" : "s")} in flight from here.");
            }
        }

        /// <summary>Cancels every request in flight (Ctrl+C), the page being waited on included; the reader reads no
        /// more ahead.</summary>
        public void Cancel()
        {
            lock (gate)
            {
                if (disposed) return;
            }
            // outside the lock: cancelling runs the callbacks of whatever waits on these requests
            try { master.Cancel(); } catch (ObjectDisposedException) { }
        }

        /// <summary>The pages held, taken out of the window (under the lock).</summary>
        private List<CancellationTokenSource> TakeHeld()
        {
            var held = pages.Values.Select(p => p.Stop).ToList();
            pages.Clear();
            return held;
        }

        private static void CancelAll(List<CancellationTokenSource> sources)
        {
            foreach (var source in sources)
            {
                try { source.Cancel(); } catch (ObjectDisposedException) { }
            }
        }

        /// <summary>Cancels every request in flight; the reader reads no more.</summary>
        public void Dispose()
        {
            lock (gate)
            {
                if (disposed) return;
                disposed = true;
                pages.Clear();
            }
            try { master.Cancel(); } catch (ObjectDisposedException) { }
        }
    }
}
