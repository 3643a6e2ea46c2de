using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// The signed REST protocol: each request carries the access id, platform, a timestamp and a nonce in its headers
    /// and a signature over them and the body; each answer is the <c>code/data</c> envelope. A 610 (signature expired)
    /// brings the service's clock, which later requests sign with.
    /// </summary>
    internal sealed class RbRestProtocol : IRbProtocol
    {
        private readonly RbCredential credential;
        private readonly RbEndpoint endpoint;
        private readonly string platformText;
        private readonly string languageFlagText;
        private readonly string versionHeader;
        private readonly RbNonces nonces = new RbNonces();
        private readonly ConcurrentDictionary<string, Uri> pathUris = new ConcurrentDictionary<string,
            Uri>(StringComparer.Ordinal);
        private long clockOffsetMs;
        private StampText? lastTimestamp;

        public RbRestProtocol(RbCredential credential, RbEndpoint endpoint, int platform, int languageFlag,
            RbPathSet pathSet)
        {
            this.credential = credential;
            this.endpoint = endpoint;
            platformText = platform.ToString(CultureInfo.InvariantCulture);
            languageFlagText = languageFlag.ToString(CultureInfo.InvariantCulture);
            versionHeader = RbOperation.VersionHeaderFor(pathSet);
        }

        /// <summary>Offset applied to this machine's clock after the service answered 610 (signature
        /// expired).</summary>
        public TimeSpan ClockOffset
        {
            get => TimeSpan.FromMilliseconds(Interlocked.Read(ref clockOffsetMs));
            set => Interlocked.Exchange(ref clockOffsetMs, (long)value.TotalMilliseconds);
        }

        public HttpRequestMessage BuildRequest(RbOperation op, string path, byte[] body)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + Interlocked.Read(ref clockOffsetMs) / 1000;
            var headers = new[]
            {
                new KeyValuePair<string, string>("accessId", credential.AccessId),
                new KeyValuePair<string, string>("channel", "4"),
                new KeyValuePair<string, string>("platform", platformText),
                new KeyValuePair<string, string>("UTCTimestamp", TimestampText(timestamp)),
                new KeyValuePair<string, string>("nonce", nonces.Next(timestamp)),
                new KeyValuePair<string, string>("version", versionHeader),
            };
            var signature = RbSigner.Sign(credential, endpoint.SignHost, path, headers, body);

            var request = new HttpRequestMessage(HttpMethod.Post, pathUris.GetOrAdd(path, p => new Uri(endpoint.BaseUri,
                p)));
            foreach (var h in headers) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Headers.TryAddWithoutValidation("signature", signature);
            request.Headers.TryAddWithoutValidation("languageFlag", languageFlagText);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return request;
        }

        public RbResponse ReadAnswer(ArraySegment<byte> content, string path, WireRead<object?>? readData)
        {
            var response = RbRestEnvelope.Read(content.Array!, content.Count, rented: true, path,
                readData ?? RbRestEnvelope.DocumentReader, out var code, out var message, out var requestId,
                    out var serverTime);
            if (response == null) throw new RbApiException(code, message, path, requestId) { ServerTime = serverTime };
            if (readData != null) return response;
            var document = (JsonDocument?)response.Read;
            return document == null
                ? new RbResponse(default(JsonElement), requestId, serverTime, message)
                : new RbResponse(document, null, document.RootElement, requestId, serverTime, message);
        }

        public bool Mend(Exception failure)
        {
            if (!(failure is RbApiException { Code: RbCodes.SignatureExpired,
                ServerTime: { } serverTime })) return false;
            // rejected before any effect: sign the next attempt with the service's clock
            var offset = serverTime.ToUnixTimeMilliseconds() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Interlocked.Exchange(ref clockOffsetMs, offset);
            RbTrace.Write($"Clock is {offset / 1000.0:0.#} s off the service's; signing again with the service's "
                + $"time.");
            return true;
        }

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
    }
}
