using System;
using System.Collections.Generic;
using System.Net.Http;
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
    /// A session's way to the service: sends operations through the catalog (translating bodies for the v1 path set)
    /// over the REST protocol and one transport. Thread-safe: several calls may run at once.
    /// </summary>
    public sealed class RbClient : IDisposable
    {
        private readonly RbCredential credential;
        private readonly IRbProtocol protocol;
        // null on an API 2.0 client: only REST signs with a clock
        private readonly RbRestProtocol? restProtocol;
        private readonly RbTransport transport;
        // a client made by WithThrottleLimit shares its owner's connection, zone and change feed
        private readonly RbClient? owner;
        private int zone;

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
            Protocol = options.Protocol;
            Api2Path = options.Api2Path;
            PathSet = Protocol == RbApiProtocol.Api2 ? RbPathSet.Current : options.PathSet;
            Proxy = options.Proxy;
            ThrottleLimit = options.ThrottleLimit;
            if (Protocol == RbApiProtocol.Api2) protocol = new RbApi2Protocol(credential, Endpoint.BaseUri);
            else protocol = restProtocol = new RbRestProtocol(credential, Endpoint, Platform, options.LanguageFlag,
                PathSet);
            var policy = new RbRetryPolicy(options.MaxRetries, options.RetryDelay, new RbRetryBudget(),
                options.RetrySeed);
            transport = new RbTransport(protocol, Endpoint.BaseUri, Endpoint.SignHost, options.Timeout, options.Proxy,
                policy);
            Changes = new RbChangeFeed();
        }

        private RbClient(RbClient owner, int throttleLimit)
        {
            this.owner = owner;
            credential = owner.credential;
            protocol = owner.protocol;
            restProtocol = owner.restProtocol;
            Protocol = owner.Protocol;
            Api2Path = owner.Api2Path;
            transport = owner.transport;
            Endpoint = owner.Endpoint;
            Platform = owner.Platform;
            PathSet = owner.PathSet;
            Proxy = owner.Proxy;
            Changes = owner.Changes;
            ThrottleLimit = throttleLimit;
        }

        /// <summary>
        /// This client with another throttle limit (the same connection, zone and change feed), or this client when
        /// <paramref name="limit"/> is null or the same; refuses a limit outside 1..32. Disposing it does nothing.
        /// </summary>
        public RbClient WithThrottleLimit(int? limit)
        {
            if (!limit.HasValue || limit.Value == ThrottleLimit) return this;
            RbInputRules.CheckThrottleLimit(limit.Value);
            return new RbClient(owner ?? this, limit.Value);
        }

        public RbEndpoint Endpoint { get; }
        public int Platform { get; }

        /// <summary>
        /// The zone sent where the protocol asks for one (queryPlatforms, getServerInfo): the one given, else the one
        /// the host name says, else (an emulator or proxy host) the one the account's profile gives at connect.
        /// </summary>
        public int Zone => owner?.Zone ?? Volatile.Read(ref zone);

        /// <summary>True until the account's profile has named the zone, when no -Zone was given.</summary>
        public bool ZoneIsInferred
        {
            get => owner?.ZoneIsInferred ?? zoneIsInferred;
            private set => zoneIsInferred = value;
        }

        private bool zoneIsInferred;

        /// <summary>Takes the zone the account's profile names, when nothing else gave one.</summary>
        internal void AdoptZone(int? profileZone)
        {
            if (owner != null)
            {
                owner.AdoptZone(profileZone);
                return;
            }
            if (!ZoneIsInferred || (profileZone != 1 && profileZone != 2)) return;
            Volatile.Write(ref zone, profileZone.Value);
            ZoneIsInferred = false;
            if (profileZone.Value != Endpoint.DefaultZone)
                RbTrace.Write($"Using zone {profileZone} from the account's profile (the host {Endpoint.SignHost} "
                    + $"suggested {Endpoint.DefaultZone}).");
        }

        public RbPathSet PathSet { get; }

        /// <summary>REST, or API 2.0 (whose every action goes to <see cref="Api2Path"/>).</summary>
        public RbApiProtocol Protocol { get; }

        /// <summary>The path API 2.0 posts to (unused on REST).</summary>
        public string Api2Path { get; }
        public Uri? Proxy { get; }
        public string AccessId => credential.AccessId;
        public TimeSpan Timeout => transport.Timeout;
        public int MaxRetries => transport.Policy.MaxRetries;

        /// <summary>The retries this session may still spend (a token bucket; see
        /// <see cref="RbRetryBudget"/>).</summary>
        internal RbRetryBudget RetryBudget => transport.Policy.Budget;

        /// <summary>Requests one listing, poll or bulk change may have in flight at once (the one place a throttle
        /// limit is given: see <see cref="WithThrottleLimit"/>).</summary>
        public int ThrottleLimit { get; }

        /// <summary>The changes this client made, for the pagers of this client that are still reading.</summary>
        internal RbChangeFeed Changes { get; }

        /// <summary>Offset applied to this machine's clock after the service answered 610 (signature
        /// expired).</summary>
        public TimeSpan ClockOffset => restProtocol?.ClockOffset ?? TimeSpan.Zero;

        /// <summary>Shifts the clock used for UTCTimestamp (tests use it to play a machine whose clock is
        /// off).</summary>
        internal void ShiftClock(TimeSpan offset)
        {
            if (restProtocol != null) restProtocol.ClockOffset = offset;
        }

        /// <summary>
        /// The path an operation goes to on this client: API 2.0's one path for its actions, the path set's for REST's;
        /// an operation of the other protocol is refused before anything is sent (Rb.NotInProtocol).
        /// </summary>
        private string PathOf(RbOperation op)
        {
            var api2 = RbApi2Catalog.Owns(op);
            if (Protocol == RbApiProtocol.Api2) return api2 ? Api2Path : throw RbApi2Catalog.NotInProtocol(op,
                Protocol);
            if (api2) throw RbApi2Catalog.NotInProtocol(op, Protocol);
            return op.PathFor(PathSet) ?? throw RbV1Bodies.NotInPathSet(op, PathSet);
        }

        /// <summary>
        /// Checks, without sending, that this session's path set can carry the call (on v1: that the body translates),
        /// so a cmdlet can refuse before it asks ShouldProcess; the error is the one sending would give
        /// (Rb.NotInPathSet).
        /// </summary>
        internal void CheckSendable(RbOperation op, RbBody? body)
        {
            PathOf(op);
            if (PathSet == RbPathSet.V1) RbV1Bodies.ToV1(op,
                (JsonNode.Parse((body ?? new RbBody()).ToJsonBytes()) as JsonObject) ?? new JsonObject());
        }

        /// <summary>
        /// Sends a body as it is to the operation's path in this session's path set: signed and retried like any call,
        /// but with no v1 translation (Invoke-RbApi: what the user wrote goes out, what the service said comes back).
        /// </summary>
        internal async Task<RbResponse> SendUntranslatedAsync(RbOperation op, RbBody? body,
            CancellationToken cancellationToken)
        {
            var path = PathOf(op);
            var response = await transport.SendAsync(op, path, (body ?? new RbBody()).ToJsonBytes(), null,
                cancellationToken).ConfigureAwait(false);
            return response.Detach();
        }

        /// <summary>
        /// Sends one operation and gives the answer to <paramref name="read"/> while its data is still in the parsed
        /// document, which is then released: <paramref name="read"/> must copy out what it keeps and keep no
        /// JsonElement.
        /// </summary>
        internal async Task<T> SendAsync<T>(RbOperation op, RbBody? body, Func<RbResponse, T> read,
            CancellationToken cancellationToken)
        {
            if (PathSet != RbPathSet.Current)
                return read(await SendAsync(op, body, cancellationToken).ConfigureAwait(false));
            var path = PathOf(op);
            var response = await transport.SendAsync(op, path, (body ?? new RbBody()).ToJsonBytes(), null,
                cancellationToken).ConfigureAwait(false);
            try
            {
                return read(response);
            }
            finally
            {
                response.Release();
            }
        }

        /// <summary>Sends one operation and returns the envelope's data, or throws a Core exception.</summary>
        internal async Task<RbResponse> SendAsync(RbOperation op, RbBody? body, CancellationToken cancellationToken)
        {
            var path = PathOf(op);
            var bodyBytes = (body ?? new RbBody()).ToJsonBytes();
            if (PathSet == RbPathSet.Current)
                return (await transport.SendAsync(op, path, bodyBytes, null,
                    cancellationToken).ConfigureAwait(false)).Detach();

            // v1: the body in the v1 names (one or more requests), the answers back in the current shape
            var current = (JsonNode.Parse(bodyBytes) as JsonObject) ?? new JsonObject();
            var answers = new List<JsonNode?>();
            RbResponse? last = null;
            foreach (var v1Body in RbV1Bodies.ToV1(op, current))
            {
                var v1Bytes = System.Text.Encoding.UTF8.GetBytes(v1Body.ToJsonString());
                last = await transport.SendAsync(op, path, v1Bytes, null, cancellationToken).ConfigureAwait(false);
                answers.Add(last.Data.ValueKind == JsonValueKind.Undefined ? null
                    : JsonNode.Parse(last.Data.GetRawText()));
                last.Release();
            }
            var data = RbV1Bodies.ReadV1(op, current, answers);
            using var doc = JsonDocument.Parse(data == null ? "null" : data.ToJsonString());
            return new RbResponse(doc.RootElement.Clone(), last?.RequestId, last?.ServerTime, last?.Message);
        }

        /// <summary>
        /// Sends one operation and reads the answer's data with <paramref name="read"/> as the bytes stream by: no
        /// document is built. <paramref name="read"/> gets a reader on the data (on <c>null</c> when there is none) and
        /// must consume the whole value. For task pages, the answers read most.
        /// </summary>
        internal async Task<T> ReadAsync<T>(RbOperation op, RbBody? body, WireRead<T> read,
            CancellationToken cancellationToken)
        {
            var path = PathOf(op);
            if (PathSet != RbPathSet.Current)
            {
                // v1 answers are translated into the current shape first; read the translation
                var translated = await SendAsync(op, body, cancellationToken).ConfigureAwait(false);
                var reader = RbWireValue.On(translated.Data.ValueKind == JsonValueKind.Undefined
                    ? NullJson : System.Text.Encoding.UTF8.GetBytes(translated.Data.GetRawText()));
                return read(ref reader);
            }
            var response = await transport.SendAsync(op, path, (body ?? new RbBody()).ToJsonBytes(),
                (ref Utf8JsonReader r) => read(ref r), cancellationToken).ConfigureAwait(false);
            return (T)response.Read!;
        }

        private static readonly byte[] NullJson = System.Text.Encoding.UTF8.GetBytes("null");

        /// <summary>The signed request for one attempt. Internal so the benchmarks can time it.</summary>
        internal HttpRequestMessage BuildRequest(RbOperation op, string path, byte[] bodyBytes)
            => protocol.BuildRequest(op, path, bodyBytes);

        /// <summary>A plain GET of a file the service pointed to (a thumbnail); see
        /// <see cref="RbTransport.DownloadAsync"/>.</summary>
        internal Task<byte[]> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
            => transport.DownloadAsync(url, maxBytes, cancellationToken);

        public void Dispose()
        {
            if (owner == null) transport.Dispose();
        }

        public override string ToString() => $"RbClient {Endpoint.SignHost} platform {Platform} as {AccessId}";
    }
}
