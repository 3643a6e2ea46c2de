using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator.Faults;
using RenderbusPS.Emulator.Handlers;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator
{
    /// <summary>One request the emulator answered (for scripts and tests that check how the client talks).</summary>
    public sealed class RbEmulatorRequest
    {
        internal RbEmulatorRequest(DateTimeOffset at, string path, string? operation, int code, int idCount)
        {
            At = at;
            Path = path;
            Operation = operation;
            Code = code;
            IdCount = idCount;
        }

        public DateTimeOffset At { get; }
        public string Path { get; }
        public string? Operation { get; }
        /// <summary>The envelope code answered (0 when the answer was an HTTP failure or not the envelope).</summary>
        public int Code { get; }
        /// <summary>How many ids the request's id list carried.</summary>
        public int IdCount { get; }

        public override string ToString() => $"{Path} -> {Code}";
    }

    /// <summary>
    /// A local Renderbus: an HTTP server on 127.0.0.1 that speaks the wire protocol, checks every signature with the
    /// same signer the client uses, routes through the same catalog, and keeps one seeded in-memory account.
    /// </summary>
    public sealed class RbEmulator : IDisposable
    {
        private const int MaxBodyBytes = 4 * 1024 * 1024;
        private static readonly string[] SignedHeaders = { "accessId", "channel", "platform", "UTCTimestamp", "nonce", "version" };

        private readonly HttpListener listener;
        private readonly byte[] key;
        private readonly EmuStore store;
        private readonly Dictionary<string, (RbOperation op, EmuHandler handler)> routes = new Dictionary<string, (RbOperation, EmuHandler)>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> nonces = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<RbEmulatorRequest> log = new ConcurrentQueue<RbEmulatorRequest>();
        private readonly TimeSpan skew;
        private readonly Task acceptLoop;
        private long requestCounter;
        private int stopped;

        private RbEmulator(RbEmulatorOptions options, HttpListener listener, string host, int port)
        {
            this.listener = listener;
            Host = host;
            Port = port;
            Seed = options.Seed;
            Platform = options.Platform;
            Zone = options.Zone;
            skew = options.AllowedClockSkew;
            AccessId = options.AccessId ?? "RBEMU" + options.Seed.ToString("D6", CultureInfo.InvariantCulture);
            var keyText = options.AccessKey ?? NewKey();
            key = Encoding.UTF8.GetBytes(keyText);
            AccessKey = RbCredential.ToSecureString(keyText);
            StartedAt = DateTimeOffset.UtcNow;
            store = new EmuStore(options, options.Now ?? StartedAt);

            var handlers = new Dictionary<RbOperation, EmuHandler>();
            AccountHandlers.Register(handlers);
            TaskHandlers.Register(handlers);
            FrameHandlers.Register(handlers);
            SoftwareHandlers.Register(handlers);
            foreach (var kv in handlers) routes[kv.Key.Path] = (kv.Key, kv.Value);

            acceptLoop = Task.Run(AcceptLoopAsync);
        }

        /// <summary>Starts an emulator on 127.0.0.1 (a free port unless one is given).</summary>
        public static RbEmulator Start(RbEmulatorOptions? options = null)
        {
            options ??= new RbEmulatorOptions();
            options.Validate();
            Exception? last = null;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var port = options.Port != 0 ? options.Port : FreePort();
                // Windows' http.sys lets a user who is not an administrator listen on http://localhost:port/ but not on
                // http://127.0.0.1:port/; there, and only after access is denied, the emulator answers as localhost.
                foreach (var host in new[] { "127.0.0.1", "localhost" })
                {
                    var listener = new HttpListener();
                    listener.Prefixes.Add($"http://{host}:{port}/");
                    try
                    {
                        listener.Start();
                        return new RbEmulator(options, listener, host, port);
                    }
                    catch (HttpListenerException ex)
                    {
                        last = ex;
                        ((IDisposable)listener).Dispose();
                        if (!(ex.ErrorCode == 5 && RuntimeInformation.IsOSPlatform(OSPlatform.Windows))) break;
                    }
                }
                if (options.Port != 0) break;
            }
            throw new InvalidOperationException($"The emulator could not listen on 127.0.0.1{(options.Port != 0 ? ":" + options.Port : "")}: {last?.Message}", last);
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static string NewKey()
        {
            var bytes = new byte[24];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            return Convert.ToBase64String(bytes).Replace('+', 'A').Replace('/', 'B').TrimEnd('=');
        }

        /// <summary>127.0.0.1, or localhost where Windows denies 127.0.0.1 to a user who is not an administrator.</summary>
        public string Host { get; }
        public int Port { get; }
        /// <summary>The address to give Connect-Renderbus -Domain.</summary>
        public string Domain => $"http://{Host}:{Port}";
        public Uri Url => new Uri(Domain + "/");
        public string AccessId { get; }
        /// <summary>The key this emulator accepts (a read-only SecureString: it does not show when printed).</summary>
        public SecureString AccessKey { get; }
        public int Platform { get; }
        public int Zone { get; }
        public int Seed { get; }
        public DateTimeOffset StartedAt { get; }
        public bool IsRunning => Volatile.Read(ref stopped) == 0;
        public int TaskCount { get { lock (store.Sync) return store.Tasks.Count; } }
        public long RequestCount => Interlocked.Read(ref requestCounter);

        /// <summary>Faults to inject (slow answers, error codes, broken pages).</summary>
        public RbEmulatorFaults Faults { get; } = new RbEmulatorFaults();

        /// <summary>The requests answered so far (the latest 10,000).</summary>
        public IReadOnlyList<RbEmulatorRequest> Requests => log.ToArray();

        public void ClearRequests()
        {
            while (log.TryDequeue(out _)) { }
        }

        private async Task AcceptLoopAsync()
        {
            while (IsRunning)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (!IsRunning)
                {
                    break;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                _ = Task.Run(() => ServeAsync(context));
            }
        }

        private async Task ServeAsync(HttpListenerContext context)
        {
            var path = context.Request.Url?.AbsolutePath ?? "/";
            try
            {
                Interlocked.Increment(ref requestCounter);
                var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
                routes.TryGetValue(path, out var route);
                Reply reply;
                var idCount = 0;
                using (var doc = ParseBody(body, out var parseError))
                {
                    var root = doc?.RootElement ?? default;
                    if (route.op?.IdListField != null && root.ValueKind == JsonValueKind.Object
                        && root.TryGetProperty(route.op.IdListField, out var ids) && ids.ValueKind == JsonValueKind.Array)
                        idCount = ids.GetArrayLength();
                    var delay = Faults.Delay;
                    if (delay > TimeSpan.Zero) await Task.Delay(delay).ConfigureAwait(false);
                    reply = Answer(context, path, route, root, parseError);
                }
                // logged before the answer leaves, so a client's next request is always logged after this one
                log.Enqueue(new RbEmulatorRequest(DateTimeOffset.UtcNow, path, route.op?.Name, reply.Code, idCount));
                while (log.Count > 10000 && log.TryDequeue(out _)) { }
                await WriteAsync(context, reply.Status, reply.ContentType, reply.Bytes).ConfigureAwait(false);
            }
            catch (Exception)
            {
                try { context.Response.Abort(); } catch (Exception) { /* the client went away */ }
            }
        }

        private readonly struct Reply
        {
            public Reply(int code, int status, string contentType, byte[] bytes)
            {
                Code = code;
                Status = status;
                ContentType = contentType;
                Bytes = bytes;
            }

            /// <summary>Envelope code, or 0 when the answer is not an envelope.</summary>
            public int Code { get; }
            public int Status { get; }
            public string ContentType { get; }
            public byte[] Bytes { get; }
        }

        /// <summary>Checks the request and runs its handler.</summary>
        private Reply Answer(HttpListenerContext context, string path, (RbOperation op, EmuHandler handler) route, JsonElement body, string? parseError)
        {
            int code;
            JsonNode? data = null;
            string message = "success";
            try
            {
                if (!string.Equals(context.Request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                    throw new EmuError(RbCodes.IllegalProtocol, $"{context.Request.HttpMethod} is not allowed: every call is a POST.");
                Verify(context.Request, path, body, parseError);

                if (Faults.TakeHttpFail(out var status))
                    return new Reply(0, status, "text/plain", Encoding.UTF8.GetBytes("injected failure"));
                if (Faults.TakeGarble())
                    return new Reply(0, 200, "text/html", Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>"));
                if (Faults.TakeFail(out var failCode)) throw new EmuError(failCode, "Injected failure " + failCode + ".");
                if (route.handler == null) throw new EmuError(RbCodes.ResourceNotFound, $"No API at {path}.");
                if (body.ValueKind != JsonValueKind.Object)
                    throw new EmuError(RbCodes.ParameterInvalid, "The body must be a JSON object.");

                lock (store.Sync)
                {
                    data = route.handler(new EmuRequest(route.op, body, store, Faults));
                }
                code = RbCodes.Success;
            }
            catch (EmuError error)
            {
                code = error.Code;
                message = error.Message;
                data = null;
            }
            var json = Envelope(code, message, data).ToJsonString();
            return new Reply(code, 200, "application/json;charset=UTF-8", Encoding.UTF8.GetBytes(json));
        }

        private void Verify(HttpListenerRequest request, string path, JsonElement body, string? parseError)
        {
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var name in SignedHeaders)
            {
                var value = request.Headers[name];
                if (string.IsNullOrEmpty(value)) throw new EmuError(RbCodes.IllegalProtocol, $"The header {name} is missing.");
                headers.Add(new KeyValuePair<string, string>(name, value!));
            }
            var signature = request.Headers["signature"];
            if (string.IsNullOrEmpty(signature)) throw new EmuError(RbCodes.SignatureInvalid, "The header signature is missing.");
            if (parseError != null) throw new EmuError(RbCodes.ParameterInvalid, parseError);

            var host = request.Headers["Host"] ?? request.Url?.Authority ?? "";
            var expected = RbSigner.ComputeSignature(key, RbSigner.SignString(host, path, headers, body));
            if (!string.Equals(request.Headers["accessId"], AccessId, StringComparison.Ordinal) || !RbSigner.SignaturesEqual(expected, signature))
                throw new EmuError(RbCodes.SignatureInvalid, "signature invalid");

            if (!long.TryParse(request.Headers["UTCTimestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts))
                throw new EmuError(RbCodes.IllegalProtocol, "UTCTimestamp is not a number of seconds.");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (Math.Abs(now - ts) > skew.TotalSeconds)
                throw new EmuError(RbCodes.SignatureExpired, $"signature expired: UTCTimestamp {ts} is {now - ts} s off the server clock");

            var nonceKey = ts.ToString(CultureInfo.InvariantCulture) + ":" + request.Headers["nonce"];
            if (!nonces.TryAdd(nonceKey, ts)) throw new EmuError(RbCodes.IllegalProtocol, "The nonce was already used: the request looks replayed.");
            if (nonces.Count > 4096)
            {
                foreach (var old in nonces.Where(n => Math.Abs(now - n.Value) > skew.TotalSeconds).ToList()) nonces.TryRemove(old.Key, out _);
            }

            var version = request.Headers["version"];
            if (routes.ContainsKey(path) && version != RbOperation.VersionHeaderFor(RbPathSet.Current))
                throw new EmuError(RbCodes.IllegalProtocol, $"Header version {version} does not match this path set (2.0.0).");
            if (!int.TryParse(request.Headers["platform"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var platform)
                || !store.Platforms.Any(p => p.Platform == platform))
                throw new EmuError(RbCodes.ParameterInvalid, $"platform {request.Headers["platform"]} is not one of {string.Join(", ", store.Platforms.Select(p => p.Platform))}.");
        }

        private JsonObject Envelope(int code, string message, JsonNode? data) => new JsonObject
        {
            ["version"] = "2.0.0",
            ["result"] = code == RbCodes.Success,
            ["message"] = message,
            ["code"] = code,
            ["data"] = data,
            ["serverTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["requestId"] = "emu-" + Seed.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Read(ref requestCounter).ToString("x6", CultureInfo.InvariantCulture),
        };

        private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int n;
            while ((n = await request.InputStream.ReadAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxBodyBytes) throw new InvalidDataException("body too large");
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

        private static async Task WriteAsync(HttpListenerContext context, int status, string contentType, byte[] bytes)
        {
            try
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception)
            {
                // the client went away (cancelled); nothing to answer
            }
        }

        /// <summary>Stops listening; requests in flight are dropped.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0) return;
            try { listener.Stop(); } catch (ObjectDisposedException) { }
            try { listener.Close(); } catch (ObjectDisposedException) { }
            try { acceptLoop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            Array.Clear(key, 0, key.Length);
            AccessKey.Dispose();
        }

        public void Dispose() => Stop();

        public override string ToString() => $"Renderbus emulator {Domain} (seed {Seed}, {(IsRunning ? "running" : "stopped")})";
    }
}
