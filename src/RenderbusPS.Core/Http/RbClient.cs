using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
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
        private long clockOffsetMs;
        private int zone;
        private readonly string platformText;
        private readonly string languageFlagText;
        private readonly ConcurrentDictionary<string, Uri> pathUris = new ConcurrentDictionary<string, Uri>(StringComparer.Ordinal);
        private StampText? lastTimestamp;
        private readonly object nonceGate = new object();
        private readonly Dictionary<long, HashSet<int>> noncesBySecond = new Dictionary<long, HashSet<int>>();

        public RbClient(RbClientOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            Endpoint = RbEndpoint.Parse(options.Domain);
            credential = options.Credential!;
            Platform = options.Platform;
            platformText = Platform.ToString(CultureInfo.InvariantCulture);
            zone = options.Zone ?? Endpoint.DefaultZone;
            // without -Zone the host only suggests a zone; the account's profile, read at connect, says the real one
            ZoneIsInferred = options.Zone == null;
            PathSet = options.PathSet;
            timeout = options.Timeout;
            maxRetries = options.MaxRetries;
            retryDelay = options.RetryDelay;
            languageFlagText = options.LanguageFlag.ToString(CultureInfo.InvariantCulture);
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

        /// <summary>
        /// The throttle limit a call asked for, else <paramref name="fallback"/> (an API object's own), else this client's;
        /// refuses one outside 1..32.
        /// </summary>
        public int ThrottleLimitFor(int? requested, int? fallback = null)
        {
            if (requested.HasValue) RbInputRules.CheckThrottleLimit(requested.Value);
            return requested ?? fallback ?? ThrottleLimit;
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
            return DetachedAsync(SendOnceAsync(op, path, (body ?? new RbBody()).ToJsonBytes(), cancellationToken));
        }

        private static async Task<RbResponse> DetachedAsync(Task<RbResponse> sending) => (await sending.ConfigureAwait(false)).Detach();

        /// <summary>
        /// Sends one operation and gives the answer to <paramref name="read"/> while its data is still in the parsed document,
        /// which is then released: the data is never copied, so <paramref name="read"/> must copy out what it keeps and keep no
        /// JsonElement (the models' FromWire do just that). For pages and polls, whose answers are read once into models.
        /// </summary>
        internal async Task<T> SendAsync<T>(RbOperation op, RbBody? body, Func<RbResponse, T> read, CancellationToken cancellationToken)
        {
            if (PathSet != RbPathSet.Current) return read(await SendAsync(op, body, cancellationToken).ConfigureAwait(false));
            var path = op.PathFor(PathSet) ?? throw RbV1Bodies.NotInPathSet(op, PathSet);
            var response = await SendOnceAsync(op, path, (body ?? new RbBody()).ToJsonBytes(), cancellationToken).ConfigureAwait(false);
            try
            {
                return read(response);
            }
            finally
            {
                response.Release();
            }
        }

        /// <summary>Sends one operation and returns the envelope's data, or throws RbApiException / RbTransportException / RbProtocolException.</summary>
        public async Task<RbResponse> SendAsync(RbOperation op, RbBody? body, CancellationToken cancellationToken)
        {
            var path = op.PathFor(PathSet) ?? throw RbV1Bodies.NotInPathSet(op, PathSet);
            var bodyBytes = (body ?? new RbBody()).ToJsonBytes();
            if (PathSet == RbPathSet.Current) return (await SendOnceAsync(op, path, bodyBytes, cancellationToken).ConfigureAwait(false)).Detach();

            // v1: the body in the v1 names (one or more requests), the answers back in the current shape
            var current = (JsonNode.Parse(bodyBytes) as JsonObject) ?? new JsonObject();
            var v1Bodies = RbV1Bodies.ToV1(op, current);
            var answers = new List<JsonNode?>();
            RbResponse? last = null;
            foreach (var v1Body in v1Bodies)
            {
                last = await SendOnceAsync(op, path, System.Text.Encoding.UTF8.GetBytes(v1Body.ToJsonString()), cancellationToken).ConfigureAwait(false);
                answers.Add(last.Data.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(last.Data.GetRawText()));
                last.Release();
            }
            var data = RbV1Bodies.ReadV1(op, current, answers);
            using var doc = JsonDocument.Parse(data == null ? "null" : data.ToJsonString());
            return new RbResponse(doc.RootElement.Clone(), last?.RequestId, last?.ServerTime, last?.Message);
        }

        /// <summary>
        /// Sends one operation and reads the answer's data with <paramref name="read"/> as the bytes stream by: no document is
        /// built, so a page of models costs one pass over its bytes. <paramref name="read"/> gets a reader on the data (on
        /// <c>null</c> when there is none) and must consume the whole value; what it returns is kept only when the envelope
        /// says success (the data may come before the code). For task pages, the answers read most.
        /// </summary>
        internal async Task<T> ReadAsync<T>(RbOperation op, RbBody? body, WireRead<T> read, CancellationToken cancellationToken)
        {
            var path = op.PathFor(PathSet) ?? throw RbV1Bodies.NotInPathSet(op, PathSet);
            if (PathSet != RbPathSet.Current)
            {
                // v1 answers are translated into the current shape first; read the translation
                var translated = await SendAsync(op, body, cancellationToken).ConfigureAwait(false);
                var reader = WireReader.On(translated.Data.ValueKind == JsonValueKind.Undefined ? NullJson : System.Text.Encoding.UTF8.GetBytes(translated.Data.GetRawText()));
                return read(ref reader);
            }
            var response = await SendOnceAsync(op, path, (body ?? new RbBody()).ToJsonBytes(), cancellationToken,
                (ref Utf8JsonReader r) => read(ref r)).ConfigureAwait(false);
            return (T)response.Read!;
        }

        private static readonly byte[] NullJson = System.Text.Encoding.UTF8.GetBytes("null");

        private async Task<RbResponse> SendOnceAsync(RbOperation op, string path, byte[] bodyBytes, CancellationToken cancellationToken, WireRead<object?>? readData = null)
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
                    int status;
                    string? reason;
                    ArraySegment<byte> content;
                    try
                    {
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token).ConfigureAwait(false);
                        status = (int)response.StatusCode;
                        reason = response.ReasonPhrase;
                        content = status == 200 ? await ReadContentAsync(response.Content, timeoutCts.Token).ConfigureAwait(false) : default;
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new RbTransportException($"No answer from {Endpoint.SignHost} within {timeout.TotalSeconds:0.#} s for {path}.", path, null, ex) { IsTimeout = true };
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
                    {
                        throw new RbTransportException($"Could not reach {Endpoint.SignHost} for {path}: {ex.GetBaseException().Message}", path, null, ex);
                    }

                    if (status != 200)
                    {
                        throw new RbTransportException($"{Endpoint.SignHost} answered HTTP {status} ({reason}) for {path}.", path, status);
                    }

                    var result = readData == null
                        ? ParseEnvelope(content.Array!, content.Count, rented: true, path, out var code, out var message, out var requestId, out var serverTime)
                        : ReadEnvelope(content.Array!, content.Count, rented: true, path, readData, out code, out message, out requestId, out serverTime);
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

                RbCallWatch.Struggled(transient);
                if (!op.SafeToRepeat || attempt >= maxRetries) throw transient;
                var pause = TimeSpan.FromMilliseconds(retryDelay.TotalMilliseconds * Math.Pow(2, attempt));
                attempt++;
                RbTrace.Write($"{op.Name}: {transient.Message} Retrying ({attempt} of {maxRetries}) in {pause.TotalMilliseconds:0} ms.");
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The signed request: the headers, the signature over them and the body (read as it is sent, without parsing it into a
        /// document), and the body as content. Internal so the benchmarks can time it.
        /// </summary>
        internal HttpRequestMessage BuildRequest(RbOperation op, string path, byte[] bodyBytes)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + Interlocked.Read(ref clockOffsetMs) / 1000;
            var headers = new[]
            {
                new KeyValuePair<string, string>("accessId", credential.AccessId),
                new KeyValuePair<string, string>("channel", "4"),
                new KeyValuePair<string, string>("platform", platformText),
                new KeyValuePair<string, string>("UTCTimestamp", TimestampText(timestamp)),
                new KeyValuePair<string, string>("nonce", NextNonce(timestamp)),
                new KeyValuePair<string, string>("version", RbOperation.VersionHeaderFor(PathSet)),
            };
            var signature = RbSigner.Sign(credential, Endpoint.SignHost, path, headers, bodyBytes);

            var request = new HttpRequestMessage(HttpMethod.Post, UriOf(path));
            foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Headers.TryAddWithoutValidation("signature", signature);
            request.Headers.TryAddWithoutValidation("languageFlag", languageFlagText);
            request.Content = new ByteArrayContent(bodyBytes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return request;
        }

        /// <summary>The absolute address of a path, made once per path (the catalog has a few dozen).</summary>
        private Uri UriOf(string path) => pathUris.GetOrAdd(path, p => new Uri(Endpoint.BaseUri, p));

        /// <summary>The timestamp header's text, made once per second rather than once per request.</summary>
        private string TimestampText(long timestamp)
        {
            var last = lastTimestamp;
            if (last != null && last.Seconds == timestamp) return last.Text;
            last = new StampText(timestamp);
            lastTimestamp = last;
            return last.Text;
        }

        private sealed class StampText
        {
            internal StampText(long seconds)
            {
                Seconds = seconds;
                Text = seconds.ToString(CultureInfo.InvariantCulture);
            }

            internal long Seconds { get; }
            internal string Text { get; }
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
                    ForgetNoncesAround(timestamp);
                    noncesBySecond[timestamp] = used = new HashSet<int>();
                }
                int n;
                do n = NewNonce(); while (!used.Add(n) && used.Count < NonceSpace);
                return n.ToString(CultureInfo.InvariantCulture);
            }
        }

        /// <summary>Drops the nonces of seconds more than ten away from <paramref name="timestamp"/> (called under the nonce lock).</summary>
        private void ForgetNoncesAround(long timestamp)
        {
            List<long>? stale = null;
            foreach (var second in noncesBySecond.Keys)
            {
                if (Math.Abs(second - timestamp) > 10) (stale ??= new List<long>()).Add(second);
            }
            if (stale == null) return;
            foreach (var second in stale) noncesBySecond.Remove(second);
        }

        private const int NonceSpace = 900000;

        /// <summary>One generator for every client and thread (the platform's generator is thread-safe).</summary>
        private static readonly RandomNumberGenerator random = RandomNumberGenerator.Create();

        /// <summary>Random bytes drawn 256 at a time (a draw costs the same for 4 bytes or 256), per thread, used once each.</summary>
        [ThreadStatic] private static byte[]? randomBytes;
        [ThreadStatic] private static int randomUsed;

        /// <summary>A uniformly drawn integer from 100000 to 999999: six digits, never a leading zero.</summary>
        internal static int NewNonce()
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

        /// <summary>
        /// Reads an answer's content into a buffer rented from the shared pool, straight from the connection (sized by its
        /// Content-Length when it has one). The caller gives the buffer back (ParseEnvelope does). A time-out or Ctrl+C during
        /// the read ends it as cancelled, on .NET Framework too, where a stream read does not watch the token.
        /// </summary>
        private const int FirstRentLimit = 4 * 1024 * 1024;

        private static async Task<ArraySegment<byte>> ReadContentAsync(HttpContent content, CancellationToken cancellationToken)
        {
            var expected = content.Headers.ContentLength;
            // one byte more than announced, so the read that finds the end needs no bigger buffer; but never more than
            // FirstRentLimit up front on a header's word alone (a wrong Content-Length must not allocate gigabytes): a larger
            // answer grows the buffer as its bytes arrive
            var buffer = ArrayPool<byte>.Shared.Rent(expected > 0 ? (int)Math.Min(expected.Value + 1, FirstRentLimit) : 16 * 1024);
            var filled = 0;
            try
            {
                using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
                using var abort = cancellationToken.Register(s => ((System.IO.Stream)s!).Dispose(), stream);
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
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

        /// <summary>
        /// Parses the envelope. A success's data stays in the parsed document, over <paramref name="content"/> (rented from the
        /// shared pool when <paramref name="rented"/>): the response owns both until it is detached or released. Any other
        /// outcome gives them back at once. Internal so the benchmarks can time a page from bytes to models.
        /// </summary>
        [MethodImpl(RbJit.Optimized)]
        internal static RbResponse? ParseEnvelope(byte[] content, int length, bool rented, string path, out int code, out string? message, out string? requestId, out DateTimeOffset? serverTime)
        {
            JsonDocument? doc = null;
            var owned = true;
            try
            {
                try
                {
                    doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(content, 0, length));
                }
                catch (JsonException ex)
                {
                    throw NotJson(path, content, length, ex);
                }
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("code", out var codeEl) || codeEl.ValueKind != JsonValueKind.Number || !codeEl.TryGetInt32(out code))
                    throw NotEnvelope(path);
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                requestId = root.TryGetProperty("requestId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                serverTime = root.TryGetProperty("serverTime", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                if (code != RbCodes.Success) return null;
                var data = root.TryGetProperty("data", out var d) ? d : default;
                owned = false;
                return new RbResponse(doc, rented ? content : null, data, requestId, serverTime, message);
            }
            finally
            {
                if (owned)
                {
                    doc?.Dispose();
                    if (rented) ArrayPool<byte>.Shared.Return(content);
                }
            }
        }

        /// <summary>
        /// Reads the envelope as its bytes stream by, handing the reader to <paramref name="readData"/> at <c>data</c> (or on
        /// <c>null</c> when there is none); the same checks and errors as <see cref="ParseEnvelope"/>, with no document. The
        /// bytes go back to the pool before it returns. Internal so the benchmarks can time a page from bytes to models.
        /// </summary>
        [MethodImpl(RbJit.Optimized)]
        internal static RbResponse? ReadEnvelope(byte[] content, int length, bool rented, string path, WireRead<object?> readData, out int code, out string? message, out string? requestId, out DateTimeOffset? serverTime)
        {
            int? found = null;
            message = null;
            requestId = null;
            serverTime = null;
            object? read = null;
            var sawData = false;
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(content, 0, length));
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    // valid JSON (or not) first, as for a parsed document
                    reader.Skip();
                    reader.Read();
                    throw NotEnvelope(path);
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("code"u8))
                    {
                        reader.Read();
                        found = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c : (int?)null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("message"u8)) message = ReadText(ref reader);
                    else if (reader.ValueTextEquals("requestId"u8)) requestId = ReadText(ref reader);
                    else if (reader.ValueTextEquals("serverTime"u8))
                    {
                        reader.Read();
                        serverTime = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("data"u8))
                    {
                        reader.Read();
                        var depth = reader.CurrentDepth;
                        read = readData(ref reader);
                        sawData = true;
                        if (reader.CurrentDepth != depth) throw new InvalidOperationException("A data reader did not consume the whole value.");
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
                // anything but white space after the envelope throws, as it does for a parsed document
                reader.Read();
            }
            catch (JsonException ex)
            {
                throw NotJson(path, content, length, ex);
            }
            finally
            {
                if (rented) ArrayPool<byte>.Shared.Return(content);
            }
            if (found == null) throw NotEnvelope(path);
            code = found.Value;
            if (code != RbCodes.Success) return null;
            if (!sawData)
            {
                var none = WireReader.On(NullJson);
                read = readData(ref none);
            }
            return new RbResponse(read, requestId, serverTime, message);
        }

        /// <summary>The text of the member's value when it is a string, else null (the value consumed either way).</summary>
        private static string? ReadText(ref Utf8JsonReader reader)
        {
            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            return text;
        }

        private static RbProtocolException NotJson(string path, byte[] content, int length, JsonException ex)
            => new RbProtocolException($"The answer for {path} is not JSON (it starts with '{Preview(content, length)}'); is the domain a Renderbus API host?", path, ex);

        private static RbProtocolException NotEnvelope(string path)
            => new RbProtocolException($"The answer for {path} is JSON but not the Renderbus envelope (no numeric 'code').", path);

        private static string Preview(byte[] content, int length)
        {
            var text = System.Text.Encoding.UTF8.GetString(content, 0, Math.Min(length, 40));
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
