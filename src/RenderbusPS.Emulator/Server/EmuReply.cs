using System;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>What goes back for one request: an envelope, an HTTP failure, a page that is not JSON, or nothing (a reset).</summary>
    internal readonly struct EmuReply
    {
        private EmuReply(int code, int status, string contentType, byte[] bytes, bool reset)
        {
            Code = code;
            Status = status;
            ContentType = contentType;
            Bytes = bytes;
            Reset = reset;
        }

        /// <summary>Envelope code, or 0 when the answer is not an envelope.</summary>
        public int Code { get; }
        public int Status { get; }
        public string ContentType { get; }
        public byte[] Bytes { get; }
        /// <summary>Drop the connection without answering.</summary>
        public bool Reset { get; }

        public static EmuReply HttpFailure(int status) => new EmuReply(0, status, "text/plain", Encoding.UTF8.GetBytes("injected failure"), false);

        public static EmuReply Html() => new EmuReply(0, 200, "text/html", Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>"), false);

        /// <summary>A plain HTTP answer that is not an envelope (the thumbnail images served by GET).</summary>
        public static EmuReply Raw(int status, string contentType, byte[] bytes) => new EmuReply(0, status, contentType, bytes, false);

        public static EmuReply Dropped() => new EmuReply(0, 0, "", Array.Empty<byte>(), true);

        /// <summary>The service's envelope: <c>version, result, message, code, data, serverTime, requestId</c>.</summary>
        public static EmuReply Envelope(int code, string message, JsonNode? data, string requestId, RbPathSet pathSet = RbPathSet.Current)
        {
            var json = new JsonObject
            {
                ["version"] = RbOperation.VersionHeaderFor(pathSet),
                ["result"] = code == RbCodes.Success,
                ["message"] = message,
                ["code"] = code,
                ["data"] = data,
                ["serverTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                ["requestId"] = requestId,
            };
            return new EmuReply(code, 200, "application/json;charset=UTF-8", Encoding.UTF8.GetBytes(json.ToJsonString()), false);
        }

        public static string RequestId(int seed, long counter)
            => "emu-" + seed.ToString(CultureInfo.InvariantCulture) + "-" + counter.ToString("x6", CultureInfo.InvariantCulture);
    }
}
