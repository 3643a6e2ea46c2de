using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>What goes back for one request: an envelope, an HTTP failure, a page that is not JSON, or nothing (a
    /// reset).</summary>
    internal readonly struct EmuReply
    {
        private static readonly JsonEncodedText VersionName = JsonEncodedText.Encode("version");
        private static readonly JsonEncodedText ResultName = JsonEncodedText.Encode("result");
        private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
        private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
        private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
        private static readonly JsonEncodedText ServerTimeName = JsonEncodedText.Encode("serverTime");
        private static readonly JsonEncodedText RequestIdName = JsonEncodedText.Encode("requestId");

        private readonly EmuBuffer? pooled;

        private EmuReply(
            int code, int status, string contentType, byte[] bytes, int length, EmuBuffer? pooled, bool reset,
            bool cutOff = false, int retryAfter = 0)
        {
            CutOff = cutOff;
            RetryAfter = retryAfter;
            Code = code;
            Status = status;
            ContentType = contentType;
            Bytes = bytes;
            Length = length;
            this.pooled = pooled;
            Reset = reset;
        }

        private EmuReply(int status, string contentType, byte[] bytes) : this(
            0, status, contentType, bytes, bytes.Length, null, false) { }

        /// <summary>Envelope code, or 0 when the answer is not an envelope.</summary>
        public int Code { get; }
        public int Status { get; }
        public string ContentType { get; }
        /// <summary>The body: the first <see cref="Length"/> bytes (the array may be a larger one from the
        /// pool).</summary>
        public byte[] Bytes { get; }
        public int Length { get; }
        /// <summary>Drop the connection without answering.</summary>
        public bool Reset { get; }
        /// <summary>Send the first half of the body, then drop the connection (an answer cut off on its way).</summary>
        public bool CutOff { get; }
        /// <summary>Seconds sent in a Retry-After header; 0 sends none.</summary>
        public int RetryAfter { get; }

        /// <summary>This answer, cut off halfway on its way to the client.</summary>
        public EmuReply Truncated() => new EmuReply(
            Code, Status, ContentType, Bytes, Length, pooled, false, cutOff: true);

        /// <summary>HTTP 429 with a Retry-After of <paramref name="seconds"/>.</summary>
        public static EmuReply Throttled(int seconds)
            => new EmuReply(
                0, 429, "text/plain", Encoding.UTF8.GetBytes("Too Many Requests"), 17, null, false,
                retryAfter: seconds);

        /// <summary>Gives a pooled body back once it has been sent; <see cref="Bytes"/> must not be read
        /// afterwards.</summary>
        public void Release() => pooled?.Release();

        public static EmuReply HttpFailure(int status) => new EmuReply(
            status, "text/plain", Encoding.UTF8.GetBytes("injected failure"));

        public static EmuReply Html() => new EmuReply(
            200, "text/html", Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>"));

        /// <summary>A plain HTTP answer that is not an envelope (the thumbnail images served by GET).</summary>
        public static EmuReply Raw(int status, string contentType, byte[] bytes) =>
            new EmuReply(status, contentType, bytes);

        /// <summary>An answer in another protocol's envelope (API 2.0); <paramref name="code"/> is what the request log
        /// shows.</summary>
        public static EmuReply Json(int code, byte[] bytes)
            => new EmuReply(code, 200, "application/json;charset=UTF-8", bytes, bytes.Length, null, false);

        public static EmuReply Dropped() => new EmuReply(0, 0, "", Array.Empty<byte>(), 0, null, true);

        /// <summary>
        /// The service's envelope: <c>version, result, message, code, data, serverTime, requestId</c>, written straight
        /// to a pooled buffer (pre-written data, see <see cref="EmuRawJson"/>, is copied as it is and its buffer given
        /// back).
        /// <paramref name="serverTimeMs"/> is the service's clock (see EmuStore.ServiceNowMs); by default the real one.
        /// </summary>
        public static EmuReply Envelope(int code, string message, JsonNode? data, string requestId,
            RbPathSet pathSet = RbPathSet.Current, long? serverTimeMs = null)
        {
            var raw = EmuRawJson.Of(data);
            var buffer = new EmuBuffer((raw?.Length ?? 0) + 512);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString(VersionName, RbOperation.VersionHeaderFor(pathSet));
                w.WriteBoolean(ResultName, code == RbCodes.Success);
                w.WriteString(MessageName, message);
                w.WriteNumber(CodeName, code);
                w.WritePropertyName(DataName);
                if (raw != null) raw.WriteTo(w);
                else if (data == null) w.WriteNullValue();
                else data.WriteTo(w);
                w.WriteNumber(ServerTimeName, serverTimeMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                w.WriteString(RequestIdName, requestId);
                w.WriteEndObject();
            }
            raw?.Release();
            return new EmuReply(
                code, 200, "application/json;charset=UTF-8", buffer.Array, buffer.Length, buffer, false);
        }

        public static string RequestId(int seed, long counter)
            => "emu-" + seed.ToString(CultureInfo.InvariantCulture) + "-"
                + counter.ToString("x6", CultureInfo.InvariantCulture);
    }
}
