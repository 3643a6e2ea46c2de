using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace RenderbusPS.Emulator.Faults
{
    /// <summary>What a request drawn for a fault gets instead of its plain answer.</summary>
    public enum RbFaultKind
    {
        None = 0,
        /// <summary>HTTP 503; nothing is done.</summary>
        Unavailable,
        /// <summary>HTTP 429 with a Retry-After; nothing is done.</summary>
        Throttled,
        /// <summary>The connection drops before the request is handled; nothing is done.</summary>
        Dropped,
        /// <summary>Code 610 (signature expired) with the service's time; nothing is done.</summary>
        SignatureExpired,
        /// <summary>A gateway's HTML error page; nothing is done.</summary>
        Html,
        /// <summary>The request is handled, and its answer is cut off halfway.</summary>
        Truncated,
        /// <summary>The request is handled (the change is made), then the connection drops: the answer is
        /// lost.</summary>
        LoseAnswer,
    }

    /// <summary>
    /// A bad network, by rate per kind of fault (0 to 1 each, adding up to at most 1): every API request draws one. The
    /// draw is seeded and depends only on the request's operation and body and how often that same request came before,
    /// not on timing or on what other requests are in flight, so the same client run meets the same faults again.
    /// </summary>
    public sealed class RbFaultRates
    {
        private readonly ConcurrentDictionary<ulong, int> seen = new ConcurrentDictionary<ulong, int>();
        private readonly Dictionary<RbFaultKind, double> rates = new Dictionary<RbFaultKind, double>();

        /// <summary>Seeds the draws; the same seed and requests meet the same faults.</summary>
        public int Seed { get; set; }

        /// <summary>Seconds a 429 asks the client to wait.</summary>
        public int RetryAfterSeconds { get; set; } = 1;

        public double Unavailable
        {
            get => Get(RbFaultKind.Unavailable);
            set => Set(RbFaultKind.Unavailable, value);
        }
        public double Throttled
        {
            get => Get(RbFaultKind.Throttled);
            set => Set(RbFaultKind.Throttled, value);
        }
        public double Dropped
        {
            get => Get(RbFaultKind.Dropped);
            set => Set(RbFaultKind.Dropped, value);
        }
        public double SignatureExpired
        {
            get => Get(RbFaultKind.SignatureExpired);
            set => Set(RbFaultKind.SignatureExpired, value);
        }
        public double Html
        {
            get => Get(RbFaultKind.Html);
            set => Set(RbFaultKind.Html, value);
        }
        public double Truncated
        {
            get => Get(RbFaultKind.Truncated);
            set => Set(RbFaultKind.Truncated, value);
        }
        public double LoseAnswer
        {
            get => Get(RbFaultKind.LoseAnswer);
            set => Set(RbFaultKind.LoseAnswer, value);
        }

        /// <summary>True when any rate is above 0.</summary>
        public bool Any { get { lock (rates) return rates.Count > 0; } }

        /// <summary>Sets every rate to 0 and forgets the requests seen.</summary>
        public void Clear()
        {
            lock (rates) rates.Clear();
            seen.Clear();
        }

        /// <summary>Sets the rates of the kinds named (Unavailable, Dropped, ...); the others stay as they
        /// are.</summary>
        public void Set(IDictionary<string, double> byKind)
        {
            foreach (var pair in byKind)
            {
                if (!Enum.TryParse<RbFaultKind>(pair.Key, true, out var kind) || kind == RbFaultKind.None)
                    throw new ArgumentException($"'{pair.Key}' is not a kind of fault; use {string.Join(", ", Kinds)}.",
                        nameof(byKind));
                Set(kind, pair.Value);
            }
        }

        /// <summary>The kinds of fault that have a rate.</summary>
        public static IEnumerable<string> Kinds
        {
            get
            {
                foreach (RbFaultKind k in Enum.GetValues(typeof(RbFaultKind)))
                    if (k != RbFaultKind.None) yield return k.ToString();
            }
        }

        private double Get(RbFaultKind kind)
        {
            lock (rates) return rates.TryGetValue(kind, out var r) ? r : 0;
        }

        private void Set(RbFaultKind kind, double rate)
        {
            if (double.IsNaN(rate) || rate < 0 || rate > 1)
                throw new ArgumentOutOfRangeException(kind.ToString(), rate, "A fault rate is from 0 to 1.");
            lock (rates)
            {
                var others = 0.0;
                foreach (var pair in rates) if (pair.Key != kind) others += pair.Value;
                if (others + rate > 1 + 1e-9)
                    throw new ArgumentOutOfRangeException(kind.ToString(), rate,
                        $"The fault rates would add up to {others + rate:0.###}, more than 1.");
                if (rate == 0) rates.Remove(kind);
                else rates[kind] = rate;
            }
        }

        /// <summary>The fault one request gets (None for most).</summary>
        internal RbFaultKind Draw(string operation, byte[] body)
        {
            if (!Any) return RbFaultKind.None;
            var key = Fnv(Fnv(14695981039346656037UL ^ (ulong)Seed, System.Text.Encoding.UTF8.GetBytes(operation)),
                body);
            var n = seen.AddOrUpdate(key, 1, (_, c) => c + 1);
            var mixed = Mix(key ^ ((ulong)n * 0x9E3779B97F4A7C15UL));
            var u = (mixed >> 11) * (1.0 / (1UL << 53));
            lock (rates)
            {
                foreach (RbFaultKind kind in Enum.GetValues(typeof(RbFaultKind)))
                {
                    if (!rates.TryGetValue(kind, out var rate)) continue;
                    if (u < rate) return kind;
                    u -= rate;
                }
            }
            return RbFaultKind.None;
        }

        private static ulong Fnv(ulong hash, byte[] bytes)
        {
            foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
            return hash;
        }

        /// <summary>A 64-bit finalizer (splitmix64), so that neighbouring keys draw unrelated numbers.</summary>
        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public override string ToString()
        {
            lock (rates)
            {
                var parts = new List<string>();
                foreach (var pair in rates) parts.Add($"{pair.Key} {pair.Value:P1}");
                return parts.Count == 0 ? "no faults" : string.Join(", ", parts) + $" (seed {Seed})";
            }
        }
    }
}
