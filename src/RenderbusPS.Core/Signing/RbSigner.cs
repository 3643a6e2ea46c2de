using System;
using System.Collections.Generic;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Signing
{
    /// <summary>
    /// The Renderbus request signature: every header but <c>signature</c> and <c>Content-Type</c> merged with
    /// every body field (a body field overrides a header), nested values flattened, keys sorted by Unicode code point
    /// (as the official Python client's <c>sorted()</c> sorts them), joined as <c>key=value</c> with <c>&amp;</c>,
    /// prefixed with <c>[POST]{host}:{path}&amp;</c>, then Base64(HMAC-SHA256(accessKey, signString)).
    /// </summary>
    internal static partial class RbSigner
    {
        /// <summary>Header names that never take part in the signature.</summary>
        public static bool IsUnsignedHeader(string name)
            => string.Equals(name, "signature", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "languageFlag", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Orders keys as Python's <c>sorted()</c> orders <c>str</c>: by Unicode code point.
        /// <see cref="StringComparer.Ordinal"/> compares UTF-16 code units instead, which puts a character above U+FFFF
        /// (a surrogate pair, D800–DFFF) before one in U+E000–U+FFFF; this comparer moves surrogates above that block,
        /// which is exactly code point order. (The signer itself sorts UTF-8 bytes, whose order is code point order
        /// too.)
        /// </summary>
        public static IComparer<string> CodePointOrder { get; } = new CodePointComparer();

        private sealed class CodePointComparer : IComparer<string>
        {
            public int Compare(string? x, string? y)
            {
                if (ReferenceEquals(x, y)) return 0;
                if (x == null) return -1;
                if (y == null) return 1;
                var n = Math.Min(x.Length, y.Length);
                for (var i = 0; i < n; i++)
                {
                    if (x[i] != y[i]) return Rank(x[i]) - Rank(y[i]);
                }
                return x.Length - y.Length;
            }

            // D800–DFFF (surrogates: code points U+10000 and up) rank above E000–FFFF; everything below D800 stays put.
            private static int Rank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
        }

        /// <summary>
        /// Flattens a JSON body as the official client does: a member joins its parent's key with '.', an array element
        /// appends its index; empty containers vanish. A member of an object whose key so far is empty takes its own
        /// name alone (Python's <c>if not key</c>): <c>{"a":{"":1}}</c> gives <c>a.</c>, but <c>{"":{"b":1}}</c> gives
        /// <c>b</c>.
        /// </summary>
        public static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement body)
        {
            var text = SignText.Take();
            try
            {
                text.AddBody(Utf8Of(body));
                return text.Fields();
            }
            finally
            {
                SignText.Give(text);
            }
        }

        /// <summary>The sorted, joined <c>key=value&amp;…</c> text of headers and body.</summary>
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> headers, JsonElement body)
            => Build(null, null, headers, Utf8Of(body));

        /// <summary>The string that is signed: <c>[POST]{host}:{path}&amp;{canonical query}</c>.</summary>
        public static string SignString(
            string host, string path, IEnumerable<KeyValuePair<string, string>> headers, JsonElement body)
            => Build(host, path, headers, Utf8Of(body));

        /// <summary>The string that is signed, for a body given as the UTF-8 JSON text that is sent (no document is
        /// parsed).</summary>
        public static string SignString(
            string host, string path, IEnumerable<KeyValuePair<string, string>> headers,
            ReadOnlySpan<byte> utf8JsonBody)
            => Build(host, path, headers, utf8JsonBody);

        /// <summary>Base64(HMAC-SHA256(key, UTF-8 signString)).</summary>
        public static string ComputeSignature(byte[] key, string signString)
        {
            if (key == null) throw new ArgumentNullException(nameof(key));
            var message = Encoding.UTF8.GetBytes(signString);
            var mac = new byte[MacLength];
            Mac(key, message, mac);
            return Convert.ToBase64String(mac);
        }

        /// <summary>
        /// The signature of a request as <see cref="ComputeSignature"/> and
        /// <see cref="SignString(string, string, IEnumerable{KeyValuePair{string, string}}, ReadOnlySpan{byte})"/> give
        /// it, built without a document or an intermediate string, with the key held by <paramref name="credential"/>.
        /// </summary>
        internal static string Sign(
            RbCredential credential, string host, string path, IEnumerable<KeyValuePair<string, string>> headers,
            ReadOnlySpan<byte> utf8JsonBody)
        {
            var text = SignText.Take();
            try
            {
                text.Build(host, path, headers, utf8JsonBody);
                credential.Mac(text.Output, text.MacBuffer);
                return Convert.ToBase64String(text.MacBuffer, 0, MacLength);
            }
            finally
            {
                SignText.Give(text);
            }
        }

        private static string Build(
            string? host, string? path, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
        {
            var text = SignText.Take();
            try
            {
                text.Build(host, path, headers, body);
                var output = text.Output;
                return output.IsEmpty ? string.Empty : Encoding.UTF8.GetString(text.OutputArray, 0, output.Length);
            }
            finally
            {
                SignText.Give(text);
            }
        }

        private static byte[] Utf8Of(JsonElement body)
            => body.ValueKind == JsonValueKind.Undefined ? Array.Empty<byte>()
                : Encoding.UTF8.GetBytes(body.GetRawText());

        /// <summary>Compares two signatures in time independent of where they differ.</summary>
        public static bool SignaturesEqual(string? a, string? b)
        {
            if (a == null || b == null) return false;
            var x = Encoding.ASCII.GetBytes(a);
            var y = Encoding.ASCII.GetBytes(b);
            var diff = x.Length ^ y.Length;
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++) diff |= x[i] ^ y[i];
            return diff == 0;
        }

    }
}
