using System;
using System.Collections.Generic;
using System.Threading;

namespace RenderbusPS.Emulator.Faults
{
    /// <summary>
    /// One fault: what a matching request gets instead of its answer. Set one of <see cref="Code"/> (an envelope code,
    /// nothing changes), <see cref="HttpStatus"/> (an HTTP failure with no envelope), <see cref="Garble"/> (an HTML
    /// page)
    /// <see cref="Reset"/> (the connection is dropped with no answer) or <see cref="Throw"/>.
    /// </summary>
    public sealed class RbFault
    {
        /// <summary>Operation name (e.g. stopTask); null matches every request.</summary>
        public string? Operation { get; set; }
        /// <summary>Matching requests let through before the fault starts.</summary>
        public int After { get; set; }
        /// <summary>Matching requests the fault hits, once started.</summary>
        public int Count { get; set; } = 1;
        public int Code { get; set; }
        public int HttpStatus { get; set; }
        public bool Garble { get; set; }
        public bool Reset { get; set; }
        /// <summary>The handler throws, as an emulator bug would; the answer must still be an envelope (500).</summary>
        public bool Throw { get; set; }
        /// <summary>The change is made and the answer is lost: the handler runs, then the connection drops.</summary>
        public bool LoseAnswer { get; set; }

        internal int Matched;

        public override string ToString()
            => $"{Operation ?? "any request"} after {After}, {Count}x: " +
               (LoseAnswer ? "answer lost after acting" : Reset ? "connection reset" : Throw ? "handler throws"
                   : Garble ? "HTML page" : HttpStatus != 0 ? "HTTP " + HttpStatus : "code " + Code);
    }

    /// <summary>
    /// Misbehaviour on demand, so scripts and tests can see how the client copes: slow answers, error codes,
    /// HTTP failures, dropped connections, answers that are not the envelope, and a pager that repeats its first page.
    /// Faults apply after the signature was checked.
    /// </summary>
    public sealed class RbEmulatorFaults
    {
        private readonly object gate = new object();
        private readonly List<RbFault> faults = new List<RbFault>();
        private long delayMs;

        /// <summary>Every request waits this long before it is answered.</summary>
        public TimeSpan Delay
        {
            get => TimeSpan.FromMilliseconds(Interlocked.Read(ref delayMs));
            set => Interlocked.Exchange(ref delayMs, (long)value.TotalMilliseconds);
        }

        /// <summary>Paged operations ignore pageNum and always answer page 1 (a broken server).</summary>
        public bool RepeatFirstPage { get; set; }

        /// <summary>A bad network: faults drawn at random, per kind, for every API request (see
        /// <see cref="RbFaultRates"/>).</summary>
        public RbFaultRates Rates { get; } = new RbFaultRates();

        /// <summary>Adds a fault; the first fault due for a request wins.</summary>
        public RbFault Add(RbFault fault)
        {
            if (fault == null) throw new ArgumentNullException(nameof(fault));
            lock (gate) faults.Add(fault);
            return fault;
        }

        /// <summary>The next <paramref name="count"/> requests answer this envelope code (e.g. 500) and change
        /// nothing.</summary>
        public void FailNext(int count, int code) => Add(new RbFault { Count = count, Code = code });

        /// <summary>The next <paramref name="count"/> requests answer this HTTP status with no envelope.</summary>
        public void HttpFailNext(int count, int status) => Add(new RbFault { Count = count, HttpStatus = status });

        /// <summary>The next <paramref name="count"/> requests answer an HTML page instead of the envelope.</summary>
        public void GarbleNext(int count) => Add(new RbFault { Count = count, Garble = true });

        public void Clear()
        {
            lock (gate) faults.Clear();
            Rates.Clear();
            Delay = TimeSpan.Zero;
            RepeatFirstPage = false;
        }

        /// <summary>The fault a request to <paramref name="operation"/> gets, or null.</summary>
        internal RbFault? Take(string? operation)
        {
            lock (gate)
            {
                RbFault? hit = null;
                foreach (var f in faults)
                {
                    if (f.Operation != null && !string.Equals(
                        f.Operation, operation, StringComparison.Ordinal)) continue;
                    var n = f.Matched++;
                    if (hit == null && n >= f.After && n < f.After + f.Count) hit = f;
                }
                faults.RemoveAll(f => f.Matched >= f.After + f.Count);
                return hit;
            }
        }
    }
}
