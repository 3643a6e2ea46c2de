using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// API 2.0 behind the transport's seam: no headers and no signature; each request is
    /// <c>{"head": {access_key, account, msg_locale, action}, "body": …}</c> with the key written from the credential
    /// into that request's bytes only (wiped when the request is disposed), and each answer is
    /// <c>{"head": {result, error_code, description}, "body": …}</c>. Refusals become <see cref="RbApiException"/>s
    /// named by <see cref="RbApi2Codes"/>; the transport's trace names the action, never the body.
    /// </summary>
    internal sealed class RbApi2Protocol : IRbProtocol
    {
        private readonly RbCredential credential;
        private readonly Uri baseUri;

        public RbApi2Protocol(RbCredential credential, Uri baseUri)
        {
            this.credential = credential;
            this.baseUri = baseUri;
        }

        public HttpRequestMessage BuildRequest(RbOperation op, string path, byte[] body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path));
            request.Content = new RbSecretContent(Envelope(op.Name, body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            return request;
        }

        private static readonly byte[] EmptyObject = { (byte)'{', (byte)'}' };

        /// <summary>The request's bytes: the head with the key, then the action's body as it is.</summary>
        internal byte[] Envelope(string action, byte[] body)
        {
            using var buffer = new MemoryStream(body.Length + 256);
            try
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    w.WriteStartObject("head");
                    credential.WriteKey(w, "access_key");
                    w.WriteString("account", credential.AccessId);
                    w.WriteString("msg_locale", "en");
                    w.WriteString("action", action);
                    w.WriteEndObject();
                    w.WritePropertyName("body");
                    w.WriteRawValue(body.Length == 0 ? EmptyObject : body, skipInputValidation: true);
                    w.WriteEndObject();
                }
                return buffer.ToArray();
            }
            finally
            {
                Array.Clear(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }

        public RbResponse ReadAnswer(ArraySegment<byte> content, string path, WireRead<object?>? readData)
            => RbApi2Envelope.Read(content.Array!, content.Count, path, readData);

        /// <summary>API 2.0 has no refusal a second attempt mends.</summary>
        public bool Mend(Exception failure) => false;

        /// <summary>A request body holding the key: its bytes are wiped when the request is disposed.</summary>
        private sealed class RbSecretContent : ByteArrayContent
        {
            private readonly byte[] bytes;

            public RbSecretContent(byte[] bytes) : base(bytes) => this.bytes = bytes;

            protected override void Dispose(bool disposing)
            {
                Array.Clear(bytes, 0, bytes.Length);
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>Reads API 2.0's answer envelope; the one parser of it.</summary>
    internal static class RbApi2Envelope
    {
        /// <summary>
        /// The answer's body handed to <paramref name="readData"/> (a parsed document without it) when
        /// <c>head.result</c> is 0; an <see cref="RbApiException"/> with <c>head.error_code</c> otherwise. The bytes go
        /// back to the pool before it returns.
        /// </summary>
        internal static RbResponse Read(byte[] content, int length, string path, WireRead<object?>? readData)
        {
            string? result = null, code = null, message = null;
            object? read = null;
            var sawHead = false;
            var sawBody = false;
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(content, 0, length));
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw NotEnvelope(path);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("head"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.StartObject) throw NotEnvelope(path);
                        sawHead = true;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var name = reader.GetString();
                            reader.Read();
                            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()
                                : reader.TokenType == JsonTokenType.Number ? Encoding(ref reader) : null;
                            reader.Skip();
                            if (name == "result") result = text;
                            else if (name == "error_code") code = text;
                            // the document's table says description, its example message, the official client
                            // error_message
                            else if (name == "description" || (name == "error_message" || name == "message")
                                && message == null)
                                message = text;
                        }
                    }
                    else if (reader.ValueTextEquals("body"u8))
                    {
                        reader.Read();
                        sawBody = true;
                        var depth = reader.CurrentDepth;
                        read = readData != null ? readData(ref reader) : JsonDocument.ParseValue(ref reader);
                        if (reader.CurrentDepth != depth) throw new InvalidOperationException("A body reader did not "
                            + "consume the whole value.");
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
                reader.Read();
            }
            catch (JsonException ex)
            {
                (read as IDisposable)?.Dispose();
                throw new RbProtocolException($"The answer for {path} is not JSON: a gateway's error page or a "
                    + $"cut-off answer; "
                    + "if it persists, is the domain an API 2.0 host?", path, ex) { NotEnvelope = true };
            }
            catch
            {
                (read as IDisposable)?.Dispose();
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(content);
            }
            if (!sawHead || result == null)
            {
                (read as IDisposable)?.Dispose();
                throw NotEnvelope(path);
            }
            if (result != "0")
            {
                (read as IDisposable)?.Dispose();
                var number = int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                    : RbCodes.Fail;
                throw new RbApiException(number, message, path, null);
            }
            if (readData != null)
            {
                if (!sawBody)
                {
                    var none = RbWireValue.On(NullJson);
                    read = readData(ref none);
                }
                return new RbResponse(read, null, null, message);
            }
            return read is JsonDocument document ? new RbResponse(document, null, document.RootElement, null, null,
                message)
                : new RbResponse(default(JsonElement), null, null, message);
        }

        private static readonly byte[] NullJson = System.Text.Encoding.UTF8.GetBytes("null");

        private static string Encoding(ref Utf8JsonReader reader)
            => System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());

        private static RbProtocolException NotEnvelope(string path)
            => new RbProtocolException($"The answer for {path} is JSON but not API 2.0's envelope (no head.result).",
                path)
            { NotEnvelope = true };
    }
}
