using System;
using System.Buffers;
using System.Text.Json;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// The REST answer, <c>{"code", "message", "requestId", "serverTime", "data"}</c>, read as its bytes stream by: no
    /// document is built unless the caller wants the data as one. The one parser of this envelope.
    /// </summary>
    internal static class RbRestEnvelope
    {
        private static readonly byte[] NullJson = System.Text.Encoding.UTF8.GetBytes("null");

        /// <summary>
        /// Hands the reader to <paramref name="readData"/> at <c>data</c> (or on <c>null</c> when there is none), which
        /// must consume the whole value; what it returns is kept only when the code says success (the data may come
        /// before the code). Null for another code. The bytes go back to the pool (when <paramref name="rented"/>)
        /// before it returns.
        /// </summary>
        internal static RbResponse? Read(byte[] content, int length, bool rented, string path,
            WireRead<object?> readData,
            out int code, out string? message, out string? requestId, out DateTimeOffset? serverTime)
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
                        found = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) ? c
                            : (int?)null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("message"u8)) message = ReadText(ref reader);
                    else if (reader.ValueTextEquals("requestId"u8)) requestId = ReadText(ref reader);
                    else if (reader.ValueTextEquals("serverTime"u8))
                    {
                        reader.Read();
                        serverTime = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms)
                            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("data"u8))
                    {
                        reader.Read();
                        var depth = reader.CurrentDepth;
                        read = readData(ref reader);
                        sawData = true;
                        if (reader.CurrentDepth != depth) throw new InvalidOperationException("A data reader did not "
                            + "consume the whole value.");
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
                (read as IDisposable)?.Dispose();
                throw NotJson(path, content, length, ex);
            }
            finally
            {
                if (rented) ArrayPool<byte>.Shared.Return(content);
            }
            if (found == null)
            {
                (read as IDisposable)?.Dispose();
                throw NotEnvelope(path);
            }
            code = found.Value;
            if (code != RbCodes.Success)
            {
                (read as IDisposable)?.Dispose();
                return null;
            }
            if (!sawData && readData != DocumentReader)
            {
                var none = RbWireValue.On(NullJson);
                read = readData(ref none);
            }
            return new RbResponse(read, requestId, serverTime, message);
        }

        /// <summary>Reads the data as a parsed document, for answers kept whole (the response owns and releases
        /// it).</summary>
        internal static readonly WireRead<object?> DocumentReader = (ref Utf8JsonReader reader)
            => JsonDocument.ParseValue(ref reader);

        /// <summary>The text of the member's value when it is a string, else null (the value consumed either
        /// way).</summary>
        private static string? ReadText(ref Utf8JsonReader reader)
        {
            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            return text;
        }

        private static RbProtocolException NotJson(string path, byte[] content, int length, JsonException ex)
            => new RbProtocolException($"The answer for {path} is not JSON (it starts with "
                + $"'{Preview(content, length)}'): "
                + "a gateway's error page or a cut-off answer; if it persists, is the domain a Renderbus API host?",
                    path, ex)
            { NotEnvelope = true };

        private static RbProtocolException NotEnvelope(string path)
            => new RbProtocolException($"The answer for {path} is JSON but not the Renderbus envelope (no numeric "
                + $"'code').", path)
            { NotEnvelope = true };

        private static string Preview(byte[] content, int length)
        {
            var text = System.Text.Encoding.UTF8.GetString(content, 0, Math.Min(length, 40));
            return text.Replace("\r", " ").Replace("\n", " ");
        }
    }
}
