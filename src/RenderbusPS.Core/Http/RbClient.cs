using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Paging;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// Sends signed POSTs through the catalog and parses the envelope. One HttpClient for its lifetime.
    /// Thread-safe: several calls may run at once.
    /// </summary>
    public sealed class RbClient : IDisposable
    {
        private readonly HttpClient http;
        private readonly RbCredential credential;
        private readonly TimeSpan timeout;
        private readonly int maxRetries;
        private readonly TimeSpan retryDelay;
        private readonly int languageFlag;
        private long clockOffsetMs;
        private int zone;
        private readonly object nonceGate = new object();
        private readonly Dictionary<long, HashSet<int>> noncesBySecond = new Dictionary<long, HashSet<int>>();

        public RbClient(RbClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            Endpoint = RbEndpoint.Parse(options.Domain);
            credential = options.Credential!;
            Platform = options.Platform;
            zone = options.Zone ?? Endpoint.DefaultZone;
            // without -Zone the host only suggests a zone; the account's profile, read at connect, says the real one
            ZoneIsInferred = options.Zone == null;
            PathSet = options.PathSet;
            timeout = options.Timeout;
            maxRetries = options.MaxRetries;
            retryDelay = options.RetryDelay;
            languageFlag = options.LanguageFlag;
            Proxy = options.Proxy;
            ThrottleLimit = options.ThrottleLimit;

            RbTls.EnsureModernProtocols();
            // MaxConnectionsPerServer: .NET Framework (Windows PowerShell 5.1) allows two connections per host by default,
            // which would hold every listing to two requests in flight whatever the throttle limit says
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxConnectionsPerServer = RbInputRules.MaxThrottleLimit * 2,
            };
            if (options.Proxy != null)
            {
                handler.Proxy = new WebProxy(options.Proxy);
                handler.UseProxy = true;
            }
            http = new HttpClient(handler) { BaseAddress = Endpoint.BaseUri, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        public RbEndpoint Endpoint { get; }
        public int Platform { get; }
        /// <summary>
        /// The zone sent where the protocol asks for one (queryPlatforms, getServerInfo): the one given, else the one the
        /// host name says, else (an emulator or proxy host) the one the account's profile gives at connect.
        /// </summary>
        public int Zone => Volatile.Read(ref zone);

        /// <summary>True until the account's profile has named the zone, when no -Zone was given (the host name only suggests one).</summary>
        public bool ZoneIsInferred { get; private set; }

        /// <summary>Takes the zone the account's profile names, when nothing else gave one.</summary>
        internal void AdoptZone(int? profileZone)
        {
            if (!ZoneIsInferred || (profileZone != 1 && profileZone != 2)) return;
            Volatile.Write(ref zone, profileZone.Value);
            ZoneIsInferred = false;
            if (profileZone.Value != Endpoint.DefaultZone) RbTrace.Write($"Using zone {profileZone} from the account's profile (the host {Endpoint.SignHost} suggested {Endpoint.DefaultZone}).");
        }
        public RbPathSet PathSet { get; }
        public Uri? Proxy { get; }
        public string AccessId => credential.AccessId;
        public TimeSpan Timeout => timeout;
        public int MaxRetries => maxRetries;

        /// <summary>Requests one listing, poll or bulk change may have in flight at once, unless a call says otherwise.</summary>
        public int ThrottleLimit { get; }

        /// <summary>The throttle limit a call asked for, else this client's; refuses one outside 1..32.</summary>
        public int ThrottleLimitFor(int? requested)
        {
            if (requested.HasValue) RbInputRules.CheckThrottleLimit(requested.Value);
            return requested ?? ThrottleLimit;
        }

        /// <summary>The changes this client made, for the pagers of this client that are still reading.</summary>
        public RbChangeFeed Changes { get; } = new RbChangeFeed();

        /// <summary>Offset applied to this machine's clock after the service answered 610 (signature expired).</summary>
        public TimeSpan ClockOffset => TimeSpan.FromMilliseconds(Interlocked.Read(ref clockOffsetMs));

        /// <summary>Shifts the clock used for UTCTimestamp (tests use it to play a machine whose clock is off).</summary>
        internal void ShiftClock(TimeSpan offset) => Interlocked.Exchange(ref clockOffsetMs, (long)offset.TotalMilliseconds);

        /// <summary>
        /// Checks, without sending, that this session's path set can carry the call (on v1: that the body translates), so a
        /// cmdlet can refuse before it asks ShouldProcess; the error is the one sending would give (Rb.NotInPathSet).
        /// </summary>
        public void CheckSendable(RbOperation op, RbBody? body)
        {
            if (op.PathFor(PathSet) == null) throw RbV1Bodies.NotInPathSet(op, PathSet);
            if (PathSet == RbPathSet.V1) RbV1Bodies.ToV1(op, (JsonNode.Parse((body ?? new RbBody()).ToJsonBytes()) as JsonObject) ?? new JsonObject());
        }

        /// <summary>
        /// Sends a body as it is to the operation's path in this session's path set: signed and retried like any call, but with
        /// no v1 translation of the body or the answer (Invoke-RbApi: what the user wrote goes out, what the service said comes back).
        /// </summary>
        public Task<RbResponse> SendUntranslatedAsync(RbOperation op, RbBody? body, CancellationToken cancellationToken)
        {
            var path = op.PathFor(PathSet) ?? throw RbV1Bodies.NotInPathSet(op, PathSet);
            return SendOnceAsync(op, path, (body ?? new RbBody()).ToJsonBytes(), cancellationToken);
        }

        /// <summary>Sends one operation and returns the envelope's data, or throws RbApiException / RbTransportException / RbProtocolException.</summary>
        public async Task<RbResponse> SendAsync(RbOperation op, RbBody? body, CancellationToken cancellationToken)
        {
            var path = op.PathFor(PathSet) ?? throw RbV1Bodies.NotInPathSet(op, PathSet);
            var bodyBytes = (body ?? new RbBody()).ToJsonBytes();
            if (PathSet == RbPathSet.Current) return await SendOnceAsync(op, path, bodyBytes, cancellationToken).ConfigureAwait(false);

            // v1: the body in the v1 names (one or more requests), the answers back in the current shape
            var current = (JsonNode.Parse(bodyBytes) as JsonObject) ?? new JsonObject();
            var v1Bodies = RbV1Bodies.ToV1(op, current);
            var answers = new List<JsonNode?>();
            RbResponse? last = null;
            foreach (var v1Body in v1Bodies)
            {
                last = await SendOnceAsync(op, path, System.Text.Encoding.UTF8.GetBytes(v1Body.ToJsonString()), cancellationToken).ConfigureAwait(false);
                answers.Add(last.Data.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(last.Data.GetRawText()));
            }
            var data = RbV1Bodies.ReadV1(op, current, answers);
            using var doc = JsonDocument.Parse(data == null ? "null" : data.ToJsonString());
            return new RbResponse(doc.RootElement.Clone(), last?.RequestId, last?.ServerTime, last?.Message);
        }

        private async Task<RbResponse> SendOnceAsync(RbOperation op, string path, byte[] bodyBytes, CancellationToken cancellationToken)
        {
            var attempt = 0;
            var clockResynced = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                Exception? transient;
                try
                {
                    using var request = BuildRequest(op, path, bodyBytes);
                    using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeoutCts.CancelAfter(timeout);
                    HttpResponseMessage response;
                    byte[] content;
                    try
                    {
                        response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutCts.Token).ConfigureAwait(false);
                        content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new RbTransportException($"No answer from {Endpoint.SignHost} within {timeout.TotalSeconds:0.#} s for {path}.", path, null, ex) { IsTimeout = true };
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
                    {
                        throw new RbTransportException($"Could not reach {Endpoint.SignHost} for {path}: {ex.GetBaseException().Message}", path, null, ex);
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        if (status != 200)
                        {
                            throw new RbTransportException($"{Endpoint.SignHost} answered HTTP {status} ({response.ReasonPhrase}) for {path}.", path, status);
                        }
                    }

                    var result = ParseEnvelope(content, path, out var code, out var message, out var requestId, out var serverTime);
                    RbTrace.Write($"POST {path} ({op.Name}) -> {code} in {watch.ElapsedMilliseconds} ms" + (requestId == null ? "" : $", request id {requestId}"));
                    if (code == RbCodes.Success) return result!;

                    if (code == RbCodes.SignatureExpired && !clockResynced && serverTime.HasValue)
                    {
                        // Rejected before any effect: adopt the service's clock once and sign again.
                        var offset = serverTime.Value.ToUnixTimeMilliseconds() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                        Interlocked.Exchange(ref clockOffsetMs, offset);
                        clockResynced = true;
                        RbTrace.Write($"Clock is {offset / 1000.0:0.#} s off the service's; signing again with the service's time.");
                        continue;
                    }
                    var apiError = new RbApiException(code, message, path, requestId);
                    if (code != RbCodes.InternalError) throw apiError;
                    transient = apiError;
                }
                catch (RbTransportException ex) when (ex.HttpStatus == null || ex.HttpStatus >= 500 || ex.HttpStatus == 429)
                {
                    transient = ex;
                }

                if (!op.SafeToRepeat || attempt >= maxRetries) throw transient;
                var pause = TimeSpan.FromMilliseconds(retryDelay.TotalMilliseconds * Math.Pow(2, attempt));
                attempt++;
                RbTrace.Write($"{op.Name}: {transient.Message} Retrying ({attempt} of {maxRetries}) in {pause.TotalMilliseconds:0} ms.");
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }

        internal HttpRequestMessage BuildRequest(RbOperation op, string path, byte[] bodyBytes)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + Interlocked.Read(ref clockOffsetMs) / 1000;
            var headers = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("accessId", credential.AccessId),
                new KeyValuePair<string, string>("channel", "4"),
                new KeyValuePair<string, string>("platform", Platform.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("UTCTimestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("nonce", NextNonce(timestamp)),
                new KeyValuePair<string, string>("version", RbOperation.VersionHeaderFor(PathSet)),
            };
            string signString;
            using (var doc = JsonDocument.Parse(bodyBytes))
            {
                signString = RbSigner.SignString(Endpoint.SignHost, path, headers, doc.RootElement);
            }
            var signature = credential.UseKey(key => RbSigner.ComputeSignature(key, signString));

            var request = new HttpRequestMessage(HttpMethod.Post, path);
            foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Headers.TryAddWithoutValidation("signature", signature);
            request.Headers.TryAddWithoutValidation("languageFlag", languageFlag.ToString(CultureInfo.InvariantCulture));
            request.Content = new ByteArrayContent(bodyBytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return request;
        }

        /// <summary>
        /// A six-digit nonce (100000–999999), the form the official client sends (Python's random.randrange(100000, 999999)).
        /// The service treats a (UTCTimestamp, nonce) pair it has seen as a replay (603); with only 900,000 nonces a busy
        /// client could draw the same one twice within a second, so this client never reuses a nonce within one timestamp.
        /// </summary>
        internal string NextNonce(long timestamp)
        {
            lock (nonceGate)
            {
                if (!noncesBySecond.TryGetValue(timestamp, out var used))
                {
                    foreach (var old in noncesBySecond.Keys.Where(s => Math.Abs(s - timestamp) > 10).ToList()) noncesBySecond.Remove(old);
                    noncesBySecond[timestamp] = used = new HashSet<int>();
                }
                int n;
                do n = NewNonce(); while (!used.Add(n) && used.Count < NonceSpace);
                return n.ToString(CultureInfo.InvariantCulture);
            }
        }

        private const int NonceSpace = 900000;

        /// <summary>A uniformly drawn integer from 100000 to 999999: six digits, never a leading zero.</summary>
        internal static int NewNonce()
        {
            var bytes = new byte[4];
            using var rng = RandomNumberGenerator.Create();
            while (true)
            {
                rng.GetBytes(bytes);
                var r = BitConverter.ToUInt32(bytes, 0);
                // reject the top sliver so every nonce is equally likely
                if (r < uint.MaxValue - uint.MaxValue % NonceSpace) return 100000 + (int)(r % NonceSpace);
            }
        }

        private static RbResponse? ParseEnvelope(byte[] content, string path, out int code, out string? message, out string? requestId, out DateTimeOffset? serverTime)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(content);
            }
            catch (JsonException ex)
            {
                throw new RbProtocolException($"The answer for {path} is not JSON (it starts with '{Preview(content)}'); is the domain a Renderbus API host?", path, ex);
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var codeEl) || codeEl.ValueKind != JsonValueKind.Number || !codeEl.TryGetInt32(out code))
                    throw new RbProtocolException($"The answer for {path} is JSON but not the Renderbus envelope (no numeric 'code').", path);
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                requestId = root.TryGetProperty("requestId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                serverTime = root.TryGetProperty("serverTime", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                if (code != RbCodes.Success) return null;
                var data = root.TryGetProperty("data", out var d) ? d.Clone() : default;
                return new RbResponse(data, requestId, serverTime, message);
            }
        }

        private static string Preview(byte[] content)
        {
            var text = System.Text.Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 40));
            return text.Replace("\r", " ").Replace("\n", " ");
        }

        /// <summary>
        /// Downloads a file the service pointed to (a thumbnail) with a plain GET: no signature and no credentials are sent,
        /// the connection's proxy and timeout apply, and an answer larger than <paramref name="maxBytes"/> is refused.
        /// </summary>
        internal async Task<byte[]> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
        {
            var where = url.GetLeftPart(UriPartial.Path);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new RbTransportException($"{url.Host} answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}) for {where}.", where, (int)response.StatusCode);
                if (response.Content.Headers.ContentLength > maxBytes)
                    throw new RbProtocolException($"{where} is {response.Content.Headers.ContentLength} bytes, more than the {maxBytes} a thumbnail may have.", where);
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (bytes.Length > maxBytes) throw new RbProtocolException($"{where} is more than the {maxBytes} bytes a thumbnail may have.", where);
                RbTrace.Write($"GET {where} -> {bytes.Length} bytes");
                return bytes;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RbTransportException($"No answer from {url.Host} within {timeout.TotalSeconds:0.#} s for {where}.", where, null, ex) { IsTimeout = true };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
            {
                throw new RbTransportException($"Could not reach {url.Host} for {where}: {ex.GetBaseException().Message}", where, null, ex);
            }
        }

        public void Dispose() => http.Dispose();

        public override string ToString() => $"RbClient {Endpoint.SignHost} platform {Platform} as {AccessId}";
    }
}
