using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Emulator.Server;
using RenderbusPS.Emulator.Faults;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Emulator
{
    public sealed partial class RbEmulator
    {
        /// <summary>
        /// The request's body: a body of known length is read into an array of that size (they are small), one of
        /// unknown length through a growing buffer.
        /// </summary>
        private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
        {
            var declared = request.ContentLength64;
            if (declared > MaxBodyBytes) throw new InvalidDataException(
                $"The body is larger than {MaxBodyBytes} bytes.");
            if (declared >= 0)
            {
                var exact = new byte[declared];
                var read = 0;
                int n;
                while (read < exact.Length && (
                    n = await request.InputStream.ReadAsync(exact, read, exact.Length - read)
                    .ConfigureAwait(false)) > 0) read += n;
                if (read == exact.Length) return exact;
                var part = new byte[read];
                Buffer.BlockCopy(exact, 0, part, 0, read);
                return part;
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int m;
            while ((m = await request.InputStream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, m);
                if (buffer.Length > MaxBodyBytes) throw new InvalidDataException(
                    $"The body is larger than {MaxBodyBytes} bytes.");
            }
            return buffer.ToArray();
        }

        private static JsonDocument? ParseBody(byte[] body, out string? error)
        {
            error = null;
            if (body.Length == 0) return JsonDocument.Parse("{}");
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                error = "The body is not JSON: " + ex.Message;
                return null;
            }
        }

        private static async Task WriteAsync(HttpListenerContext context, EmuReply reply)
        {
            try
            {
                if (reply.Reset)
                {
                    // promise a body, send a few bytes of it, then drop the connection: the client sees the answer
                    // break off
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/json;charset=UTF-8";
                    context.Response.ContentLength64 = 4096;
                    var start = Encoding.UTF8.GetBytes("{\"code\":");
                    await context.Response.OutputStream.WriteAsync(start, 0, start.Length).ConfigureAwait(false);
                    await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
                    context.Response.Abort();
                    return;
                }
                context.Response.StatusCode = reply.Status;
                context.Response.ContentType = reply.ContentType;
                context.Response.ContentLength64 = reply.Length;
                if (reply.RetryAfter > 0) context.Response.AddHeader(
                    "Retry-After", reply.RetryAfter.ToString(CultureInfo.InvariantCulture));
                if (reply.CutOff)
                {
                    await context.Response.OutputStream.WriteAsync(reply.Bytes, 0, reply.Length / 2)
                        .ConfigureAwait(false);
                    await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
                    context.Response.Abort();
                    return;
                }
                await context.Response.OutputStream.WriteAsync(reply.Bytes, 0, reply.Length).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception)
            {
                // the client went away (cancelled); nothing to answer
            }
        }
    }
}
