using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// Six-digit nonces (100000–999999), the form the official client sends. The service treats a (UTCTimestamp, nonce)
    /// pair it has seen as a replay (603); with only 900,000 nonces a busy client could draw one twice within a second,
    /// so a nonce is never reused within one timestamp.
    /// </summary>
    internal sealed class RbNonces
    {
        private const int NonceSpace = 900000;
        private static readonly RandomNumberGenerator random = RandomNumberGenerator.Create();

        // random bytes drawn 256 at a time (a draw costs the same for 4 bytes or 256), per thread, used once each
        [ThreadStatic] private static byte[]? randomBytes;
        [ThreadStatic] private static int randomUsed;

        private readonly object gate = new object();
        private readonly Dictionary<long, HashSet<int>> usedBySecond = new Dictionary<long, HashSet<int>>();

        public string Next(long timestamp)
        {
            lock (gate)
            {
                if (!usedBySecond.TryGetValue(timestamp, out var used))
                {
                    ForgetAround(timestamp);
                    usedBySecond[timestamp] = used = new HashSet<int>();
                }
                int n;
                do n = Draw(); while (!used.Add(n) && used.Count < NonceSpace);
                return n.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Drops the nonces of seconds more than ten away (called under the lock).</summary>
        private void ForgetAround(long timestamp)
        {
            List<long>? stale = null;
            foreach (var second in usedBySecond.Keys)
            {
                if (Math.Abs(second - timestamp) > 10) (stale ??= new List<long>()).Add(second);
            }
            if (stale == null) return;
            foreach (var second in stale) usedBySecond.Remove(second);
        }

        /// <summary>A uniformly drawn integer from 100000 to 999999: six digits, never a leading zero.</summary>
        internal static int Draw()
        {
            while (true)
            {
                var bytes = randomBytes ??= new byte[256];
                if (randomUsed == 0 || randomUsed + 4 > bytes.Length)
                {
                    random.GetBytes(bytes);
                    randomUsed = 0;
                }
                var r = BitConverter.ToUInt32(bytes, randomUsed);
                randomUsed += 4;
                // reject the top sliver so every nonce is equally likely
                if (r < uint.MaxValue - uint.MaxValue % NonceSpace) return 100000 + (int)(r % NonceSpace);
            }
        }
    }
}
