using System;
using System.Buffers;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RenderbusPS.Core.Http
{
    /// <summary>Reads an answer's content into a buffer rented from the shared pool, straight from the
    /// connection.</summary>
    internal static class RbContentReader
    {
        // a wrong or hostile Content-Length must not make the client allocate gigabytes before a byte arrives: the
        // first buffer is at most this; a larger answer grows it as its bytes come
        private const int FirstRentLimit = 4 * 1024 * 1024;

        /// <summary>
        /// The content, in a rented buffer the caller gives back. A time-out or Ctrl+C during the read ends it as
        /// cancelled, on .NET Framework too, where a stream read does not watch the token.
        /// </summary>
        public static async Task<ArraySegment<byte>> ReadAsync(HttpContent content, CancellationToken cancellationToken)
        {
            var expected = content.Headers.ContentLength;
            // one byte more than announced, so the read that finds the end needs no bigger buffer
            var buffer = ArrayPool<byte>.Shared.Rent(expected > 0 ? (int)Math.Min(expected.Value + 1,
                FirstRentLimit) : 16 * 1024);
            var filled = 0;
            try
            {
                using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                // .NET honours the token: a cancelled read closes the connection. Disposing the stream under a pending
                // read instead drains the answer into a pooled connection that read still holds, and a later call on
                // it hangs or reads a garbled status line. Only .NET Framework's stream ignores the token.
                using var abort = RbTls.IsNetFramework
                    ? cancellationToken.Register(s => ((System.IO.Stream)s!).Dispose(), stream)
                    : default;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled,
                        cancellationToken).ConfigureAwait(false);
                    if (read == 0) return new ArraySegment<byte>(buffer, 0, filled);
                    filled += read;
                }
            }
            catch (Exception ex)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                if (cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
                    throw new OperationCanceledException("The answer was not read in time.", ex, cancellationToken);
                throw;
            }
        }
    }
}
