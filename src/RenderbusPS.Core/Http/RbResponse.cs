using System;
using System.Buffers;
using System.Text.Json;

namespace RenderbusPS.Core.Http
{
    /// <summary>A successful envelope (code 200).</summary>
    internal sealed class RbResponse
    {
        private JsonDocument? document;
        private byte[]? rented;

        internal RbResponse(JsonElement data, string? requestId, DateTimeOffset? serverTime, string? message)
        {
            Data = data;
            RequestId = requestId;
            ServerTime = serverTime;
            Message = message;
        }

        /// <summary>
        /// An answer whose <paramref name="data"/> still lives in the parsed <paramref name="document"/> (over bytes
        /// rented from the shared pool when <paramref name="rented"/> is given): valid until <see cref="Release"/>,
        /// which gives both back.
        /// </summary>
        internal RbResponse(
            JsonDocument document, byte[]? rented, JsonElement data, string? requestId, DateTimeOffset? serverTime,
            string? message)
            : this(data, requestId, serverTime, message)
        {
            this.document = document;
            this.rented = rented;
        }

        /// <summary>An answer whose data was read as it streamed by (<see cref="RbClient.ReadAsync{T}"/>): what that
        /// read made of it.</summary>
        internal RbResponse(object? read, string? requestId, DateTimeOffset? serverTime, string? message)
            : this(default(JsonElement), requestId, serverTime, message)
        {
            Read = read;
        }

        /// <summary>What a streaming read made of the data; null otherwise.</summary>
        internal object? Read { get; }

        /// <summary>The envelope's <c>data</c> (detached from the parsed document).</summary>
        public JsonElement Data { get; }
        public string? RequestId { get; }
        public DateTimeOffset? ServerTime { get; }
        public string? Message { get; }

        /// <summary>True when an earlier attempt of this call was sent and its answer lost: the service may already
        /// have acted on it, so a per-item refusal can mean "done before".</summary>
        internal bool AfterLostAnswer { get; set; }

        /// <summary>This answer with its data copied out of the parsed document, which is released: what callers that
        /// keep it get.</summary>
        internal RbResponse Detach()
        {
            if (document == null) return this;
            var detached = new RbResponse(
                Data.ValueKind == JsonValueKind.Undefined ? default : Data.Clone(), RequestId, ServerTime, Message)
            { AfterLostAnswer = AfterLostAnswer };
            Release();
            return detached;
        }

        /// <summary>
        /// Disposes the parsed document and returns its bytes to the pool; <see cref="Data"/> is unusable afterwards
        /// (it throws ObjectDisposedException rather than read bytes the pool gave to someone else). Nothing for a
        /// detached answer.
        /// </summary>
        internal void Release()
        {
            document?.Dispose();
            document = null;
            if (rented != null) ArrayPool<byte>.Shared.Return(rented);
            rented = null;
        }
    }
}
