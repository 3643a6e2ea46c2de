using System;
using RenderbusPS.Core.Catalog;

namespace RenderbusPS.Core.Http
{
    /// <summary>How a failed attempt failed, as far as sending it again is concerned.</summary>
    internal enum RbFailure
    {
        /// <summary>The service answered and meant it (a refusal, bad input): never repeated.</summary>
        Final,
        /// <summary>The service provably did not act: 429, 503, 610, or a connection that failed before the request
        /// left.</summary>
        NotActed,
        /// <summary>It may have acted: another 5xx, code 500, a dropped connection, a time-out, an answer that is not
        /// the envelope.</summary>
        Ambiguous,
    }

    /// <summary>
    /// Which failed calls are sent again, and after what pause. Reads and idempotent writes are repeated after every
    /// transient failure; a non-idempotent write only after one that proves the service did not act. Pauses are drawn
    /// with full jitter under a doubling ceiling, a Retry-After is honoured, and every retry spends from the session's
    /// <see cref="RbRetryBudget"/>, so a dead service fails fast while a busy one is ridden through.
    /// </summary>
    internal sealed class RbRetryPolicy
    {
        /// <summary>The longest pause between two attempts, and the most of a Retry-After that is honoured.</summary>
        public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(20);

        private readonly TimeSpan firstPause;
        private readonly Random random;

        public RbRetryPolicy(int maxRetries, TimeSpan firstPause, RbRetryBudget budget, int? seed = null)
        {
            MaxRetries = maxRetries;
            this.firstPause = firstPause;
            Budget = budget;
            random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        public int MaxRetries { get; }
        public RbRetryBudget Budget { get; }

        public static RbFailure Classify(Exception error) => error switch
        {
            RbApiException api when api.Code == RbCodes.SignatureExpired => RbFailure.NotActed,
            RbApiException api when api.Code == RbCodes.InternalError => RbFailure.Ambiguous,
            RbTransportException t when t.HttpStatus == 429 || t.HttpStatus == 503 || t.NotSent => RbFailure.NotActed,
            RbTransportException t when t.HttpStatus == null || t.HttpStatus >= 500 => RbFailure.Ambiguous,
            RbProtocolException p when p.NotEnvelope => RbFailure.Ambiguous,
            _ => RbFailure.Final,
        };

        /// <summary>True when the operation may be sent again after this kind of failure.</summary>
        public static bool MayRepeat(RbOperation op, RbFailure failure)
            => failure == RbFailure.NotActed || (failure == RbFailure.Ambiguous
                && op.Repeat != RbRepeat.NonIdempotentWrite);

        /// <summary>
        /// The pause before retry number <paramref name="retry"/> (1 for the first), or null when the call ends with
        /// its failure: it may not be repeated, the retries are used up, or the budget is spent.
        /// </summary>
        public TimeSpan? PauseBefore(int retry, RbOperation op, Exception error, RbFailure failure)
        {
            if (!MayRepeat(op, failure) || retry > MaxRetries) return null;
            var timedOut = error is RbTransportException { IsTimeout: true };
            if (!Budget.TryTake(timedOut ? RbRetryBudget.TimeoutCost : RbRetryBudget.RetryCost)) return null;
            var ceiling = Math.Min(MaxPause.TotalMilliseconds, firstPause.TotalMilliseconds * Math.Pow(2, retry - 1));
            double draw;
            lock (random) draw = random.NextDouble();
            var pause = TimeSpan.FromMilliseconds(ceiling * draw);
            var asked = (error as RbTransportException)?.RetryAfter;
            if (asked > pause) pause = asked.Value < MaxPause ? asked.Value : MaxPause;
            return pause;
        }
    }

    /// <summary>
    /// The retries a session may still spend, as a token bucket (the AWS SDKs' retry quota): a retry costs tokens, a
    /// success pays some back. When a service keeps failing the bucket empties and calls fail at their first failure,
    /// instead of every call in flight hammering it through all its retries.
    /// </summary>
    internal sealed class RbRetryBudget
    {
        public const int Capacity = 500;
        public const int RetryCost = 5;
        public const int TimeoutCost = 10;
        private int tokens = Capacity;

        public int Tokens => System.Threading.Volatile.Read(ref tokens);

        public bool TryTake(int cost)
        {
            lock (this)
            {
                if (tokens < cost) return false;
                tokens -= cost;
                return true;
            }
        }

        /// <summary>A call succeeded: one token back, or the cost of its retry when it needed one.</summary>
        public void Succeeded(bool afterRetry)
        {
            lock (this) tokens = Math.Min(Capacity, tokens + (afterRetry ? RetryCost : 1));
        }
    }
}
