using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
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
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator.Faults;
using RenderbusPS.Emulator.Handlers;
using RenderbusPS.Emulator.Server;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator
{
    /// <summary>
    /// A local Renderbus: an HTTP server on 127.0.0.1 that speaks the wire protocol, checks every signature with the
    /// same signer the client uses (<see cref="EmuSignatureGate"/>), routes through the same catalog
    /// (<see cref="EmuRouter"/>), and keeps one seeded in-memory account. This class owns the listener and the request
    /// log.
    /// </summary>
    public sealed partial class RbEmulator : IDisposable
    {
        private const int MaxBodyBytes = 4 * 1024 * 1024;

        private readonly HttpListener listener;
        private readonly EmuStore store;
        private readonly EmuSignatureGate gate;
        private readonly EmuRouter router;
        private readonly EmuApi2Server api2;
        private readonly ConcurrentQueue<RbEmulatorRequest> log = new ConcurrentQueue<RbEmulatorRequest>();
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
            StrictZone = options.StrictZone;
            AccessId = options.AccessId ?? "RBEMU" + options.Seed.ToString(
                "D6", System.Globalization.CultureInfo.InvariantCulture);
            var keyText = options.AccessKey ?? NewKey();
            AccessKey = RbCredential.ToSecureString(keyText);
            StartedAt = DateTimeOffset.UtcNow;
            store = new EmuStore(options, options.Now ?? StartedAt);
            gate = new EmuSignatureGate(AccessId, Encoding.UTF8.GetBytes(keyText), options.AllowedClockSkew,
                () => store.Platforms.Select(p => p.Platform).ToArray(), () => store.ServiceNowMs);
            router = new EmuRouter(store, Faults);
            api2 = new EmuApi2Server(store, Faults, Encoding.UTF8.GetBytes(keyText));
            store.BaseUrl = Domain;
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
            throw new InvalidOperationException(
                $"The emulator could not listen on 127.0.0.1{(options.Port != 0 ? ":" + options.Port : "")}: {last?.Message}", last);
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

        /// <summary>127.0.0.1, or localhost where Windows denies 127.0.0.1 to a user who is not an
        /// administrator.</summary>
        public string Host { get; }
        public int Port { get; }
        /// <summary>The address to give Connect-Renderbus -Domain.</summary>
        public string Domain => $"http://{Host}:{Port}";
        public Uri Url => new Uri(Domain + "/");
        public string AccessId { get; }
        /// <summary>The key this emulator accepts (a read-only SecureString: it does not show when printed).</summary>
        public SecureString AccessKey { get; }
        public int Platform { get; }

        /// <summary>The account's name: API 2.0's <c>head.account</c> (with <see cref="AccessKey"/>), Connect-Renderbus
        /// -Account.</summary>
        public string Account => store.UserName;

        /// <summary>The API 2.0 actions it serves at /api/v2/task/ and /api/v1/task.</summary>
        public IReadOnlyCollection<string> ServedActions => api2.Actions;

        /// <summary>The zone this emulator serves (1 China, 2 overseas): its account's zone, the one queryPlatforms
        /// answers for.</summary>
        public int Zone { get; }

        /// <summary>True when a request naming the other zone answers 608; false (the default) answers it for
        /// <see cref="Zone"/>.</summary>
        public bool StrictZone { get; }

        /// <summary>The host and port another client gives as its domain (what it signs): <c>127.0.0.1:port</c>, over
        /// plain http.</summary>
        public string HostAndPort => $"{Host}:{Port}";
        public int Seed { get; }
        public DateTimeOffset StartedAt { get; }
        public bool IsRunning => Volatile.Read(ref stopped) == 0;
        public int TaskCount { get { lock (store.Sync) return store.Tasks.Count; } }
        public long RequestCount => Interlocked.Read(ref requestCounter);

        /// <summary>The farm's clock: task and frame times follow it. It runs <see cref="Speed"/> times as fast as real
        /// time.</summary>
        public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(store.Clock.NowMs);

        /// <summary>Simulated seconds per real second (0 stops the farm's clock); it can be changed while the emulator
        /// runs.</summary>
        public double Speed
        {
            get => store.Clock.Speed;
            set => store.Clock.Speed = value;
        }

        /// <summary>Moves the farm's clock forward at once: frames due in that time start, end and are billed by the
        /// next request.</summary>
        public void Advance(TimeSpan by) => store.Clock.Advance(by);

        /// <summary>The operations of the catalog this emulator serves; every other path answers 400 "No
        /// API".</summary>
        public IReadOnlyList<RbOperation> ServedOperations => router.Served;

        /// <summary>The paths it serves, of both path sets (an operation with a v1 path is served on it too, with the
        /// v1 header and bodies).</summary>
        public IReadOnlyCollection<string> ServedPaths => router.ServedPaths;

        /// <summary>Faults to inject (slow answers, error codes, broken pages, dropped connections).</summary>
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
            var counter = Interlocked.Increment(ref requestCounter);
            var requestId = EmuReply.RequestId(Seed, counter);
            var op = router.Find(path);
            var opName = op?.Name;
            EmuReply reply;
            var idCount = 0;
            // server time: from the body read to the answer's bytes ready, less an injected delay
            long started = 0, delayed = 0;
            try
            {
                var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
                started = Stopwatch.GetTimestamp();
                using var doc = ParseBody(body, out var parseError);
                var root = doc?.RootElement ?? default;
                if (op?.IdListField != null && root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty(op.IdListField, out var ids) && ids.ValueKind == JsonValueKind.Array)
                    idCount = ids.GetArrayLength();
                var delay = Faults.Delay;
                if (delay > TimeSpan.Zero)
                {
                    var before = Stopwatch.GetTimestamp();
                    await Task.Delay(delay).ConfigureAwait(false);
                    delayed = Stopwatch.GetTimestamp() - before;
                }
                try
                {
                    // the thumbnail images live outside the signed API (as on the service's image host): GET, no
                    // signature
                    if (op == null && EmuThumbnails.Handles(context.Request.HttpMethod, path))
                    {
                        reply = EmuThumbnails.Serve(store, path);
                    }
                    else if (op == null && EmuApi2Server.Handles(path))
                    {
                        reply = api2.Serve(context.Request.HttpMethod, context.Request.ContentType, body, out opName,
                            out idCount);
                    }
                    else
                    {
                        if (!string.Equals(context.Request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                            throw new EmuError(
                                RbCodes.IllegalProtocol,
                                $"{context.Request.HttpMethod} is not allowed: every call is a POST.");
                        var host = context.Request.Headers["Host"] ?? context.Request.Url?.Authority ?? "";
                        var pathSet = gate.Verify(context.Request.Headers, host, path, op, root, parseError);
                        reply = AnswerOverBadNetwork(path, root, requestId, pathSet, op?.Name, body);
                    }
                }
                catch (EmuError error)
                {
                    reply = EmuReply.Envelope(error.Code, error.Message, null, requestId,
                        serverTimeMs: store.ServiceNowMs);
                }
            }
            catch (Exception ex)
            {
                // whatever went wrong, the client gets the service's answer for it, not a reset
                reply = EmuReply.Envelope(RbCodes.InternalError,
                    $"The emulator failed: {ex.GetType().Name}: {ex.Message}", null, requestId,
                    serverTimeMs: store.ServiceNowMs);
            }
            var serverTicks = started == 0 ? 0 : Stopwatch.GetTimestamp() - started - delayed;
            var serverTime = TimeSpan.FromTicks(
                (long)(serverTicks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            // logged before the answer leaves, so a client's next request is always logged after this one
            log.Enqueue(new RbEmulatorRequest(DateTimeOffset.UtcNow, path, opName, reply.Code, idCount, serverTime,
                reply.Length));
            while (log.Count > 10000 && log.TryDequeue(out _)) { }
            try
            {
                await WriteAsync(context, reply).ConfigureAwait(false);
            }
            finally
            {
                reply.Release();
            }
        }

        /// <summary>The answer as <see cref="RbEmulatorFaults.Rates"/> lets it through (most requests: as it
        /// is).</summary>
        private EmuReply AnswerOverBadNetwork(
            string path, JsonElement root, string requestId, RbPathSet pathSet, string? op, byte[] body)
        {
            var fault = op == null ? RbFaultKind.None : Faults.Rates.Draw(op, body);
            switch (fault)
            {
                case RbFaultKind.Unavailable: return EmuReply.HttpFailure(503);
                case RbFaultKind.Throttled: return EmuReply.Throttled(Faults.Rates.RetryAfterSeconds);
                case RbFaultKind.Dropped: return EmuReply.Dropped();
                case RbFaultKind.Html: return EmuReply.Html();
                case RbFaultKind.SignatureExpired:
                    return EmuReply.Envelope(RbCodes.SignatureExpired, "The signature has expired.", null, requestId,
                        pathSet, store.ServiceNowMs);
            }
            var reply = router.Answer(path, root, requestId, pathSet);
            if (fault == RbFaultKind.Truncated) return reply.Truncated();
            if (fault != RbFaultKind.LoseAnswer) return reply;
            reply.Release();
            return EmuReply.Dropped();
        }

        /// <summary>Stops listening; requests in flight are dropped.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0) return;
            try { listener.Stop(); } catch (ObjectDisposedException) { }
            try { listener.Close(); } catch (ObjectDisposedException) { }
            try { acceptLoop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
            gate.Wipe();
            api2.Wipe();
            AccessKey.Dispose();
        }

        public void Dispose() => Stop();

        public override string ToString()
            => $"Renderbus emulator {Domain} (zone {Zone}, platform {Platform}, seed {Seed}, {(IsRunning ? "running" : "stopped")})";
    }
}
