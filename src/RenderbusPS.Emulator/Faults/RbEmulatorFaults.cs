using System;
using System.Threading;

namespace RenderbusPS.Emulator.Faults
{
    /// <summary>
    /// Misbehaviour on demand, so scripts and tests can see how the client copes: slow answers, error codes,
    /// HTTP failures, answers that are not the envelope, and a pager that repeats its first page.
    /// Faults apply after the signature was checked.
    /// </summary>
    public sealed class RbEmulatorFaults
    {
        private int failCount;
        private int failCode;
        private int httpFailCount;
        private int httpStatus;
        private int garbleCount;
        private long delayMs;

        /// <summary>Every request waits this long before it is answered.</summary>
        public TimeSpan Delay
        {
            get => TimeSpan.FromMilliseconds(Interlocked.Read(ref delayMs));
            set => Interlocked.Exchange(ref delayMs, (long)value.TotalMilliseconds);
        }

        /// <summary>Paged operations ignore pageNum and always answer page 1 (a broken server).</summary>
        public bool RepeatFirstPage { get; set; }

        /// <summary>The next <paramref name="count"/> requests answer this envelope code (e.g. 500) and change nothing.</summary>
        public void FailNext(int count, int code)
        {
            Interlocked.Exchange(ref failCode, code);
            Interlocked.Exchange(ref failCount, count);
        }

        /// <summary>The next <paramref name="count"/> requests answer this HTTP status with no envelope.</summary>
        public void HttpFailNext(int count, int status)
        {
            Interlocked.Exchange(ref httpStatus, status);
            Interlocked.Exchange(ref httpFailCount, count);
        }

        /// <summary>The next <paramref name="count"/> requests answer an HTML page instead of the envelope.</summary>
        public void GarbleNext(int count) => Interlocked.Exchange(ref garbleCount, count);

        public void Clear()
        {
            failCount = httpFailCount = garbleCount = 0;
            Delay = TimeSpan.Zero;
            RepeatFirstPage = false;
        }

        internal bool TakeFail(out int code) { code = failCode; return Take(ref failCount); }
        internal bool TakeHttpFail(out int status) { status = httpStatus; return Take(ref httpFailCount); }
        internal bool TakeGarble() => Take(ref garbleCount);

        private static bool Take(ref int counter)
        {
            while (true)
            {
                var n = Volatile.Read(ref counter);
                if (n <= 0) return false;
                if (Interlocked.CompareExchange(ref counter, n - 1, n) == n) return true;
            }
        }
    }
}
