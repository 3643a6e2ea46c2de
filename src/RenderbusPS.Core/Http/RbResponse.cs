using System;
using System.Text.Json;

namespace RenderbusPS.Core.Http
{
    /// <summary>A successful envelope (code 200).</summary>
    public sealed class RbResponse
    {
        internal RbResponse(JsonElement data, string? requestId, DateTimeOffset? serverTime, string? message)
        {
            Data = data;
            RequestId = requestId;
            ServerTime = serverTime;
            Message = message;
        }

        /// <summary>The envelope's <c>data</c> (detached from the parsed document).</summary>
        public JsonElement Data { get; }
        public string? RequestId { get; }
        public DateTimeOffset? ServerTime { get; }
        public string? Message { get; }
    }
}
