using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Signing
{
    /// <summary>
    /// The Renderbus request signature: every header but <c>signature</c> and <c>Content-Type</c> merged with
    /// every body field (a body field overrides a header), nested values flattened, keys sorted by Unicode code point
    /// (as the official Python client's <c>sorted()</c> sorts them), joined as <c>key=value</c> with <c>&amp;</c>, prefixed with <c>[POST]{host}:{path}&amp;</c>, then
    /// Base64(HMAC-SHA256(accessKey, signString)).
    /// </summary>
    public static class RbSigner
    {
        /// <summary>Header names that never take part in the signature.</summary>
        public static bool IsUnsignedHeader(string name)
            => string.Equals(name, "signature", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "languageFlag", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Orders keys as Python's <c>sorted()</c> orders <c>str</c>: by Unicode code point. <see cref="StringComparer.Ordinal"/>
        /// compares UTF-16 code units instead, which puts a character above U+FFFF (a surrogate pair, D800–DFFF) before
        /// one in U+E000–U+FFFF; this comparer moves surrogates above that block, which is exactly code point order.
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
        /// appends its index; empty containers vanish. A member of an object whose key so far is empty takes its own name
        /// alone (Python's <c>if not key</c>): <c>{"a":{"":1}}</c> gives <c>a.</c>, but <c>{"":{"b":1}}</c> gives <c>b</c>.
        /// </summary>
        public static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement body)
        {
            var list = new List<KeyValuePair<string, string>>();
            if (body.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in body.EnumerateObject()) FlattenInto(list, p.Name, p.Value);
            }
            else if (body.ValueKind != JsonValueKind.Undefined && body.ValueKind != JsonValueKind.Null)
            {
                throw new ArgumentException("A request body must be a JSON object.", nameof(body));
            }
            return list;
        }

        private static void FlattenInto(List<KeyValuePair<string, string>> list, string key, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in value.EnumerateObject()) FlattenInto(list, key.Length == 0 ? p.Name : key + "." + p.Name, p.Value);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in value.EnumerateArray()) FlattenInto(list, key + i++.ToString(CultureInfo.InvariantCulture), item);
                    break;
                default:
                    list.Add(new KeyValuePair<string, string>(key, ScalarText(value)));
                    break;
            }
        }

        // Values render the way the official (Python) client renders them with str().
        private static string ScalarText(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Null => "None",
            _ => value.GetRawText(),
        };

        /// <summary>The sorted, joined <c>key=value&amp;…</c> text of headers and body.</summary>
        public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> headers, JsonElement body)
        {
            var merged = new SortedDictionary<string, string>(CodePointOrder);
            foreach (var h in headers)
            {
                if (!IsUnsignedHeader(h.Key)) merged[h.Key] = h.Value;
            }
            foreach (var f in Flatten(body)) merged[f.Key] = f.Value;
            return string.Join("&", merged.Select(kv => kv.Key + "=" + kv.Value));
        }

        /// <summary>The string that is signed: <c>[POST]{host}:{path}&amp;{canonical query}</c>.</summary>
        public static string SignString(string host, string path, IEnumerable<KeyValuePair<string, string>> headers, JsonElement body)
            => "[POST]" + host + ":" + path + "&" + CanonicalQuery(headers, body);

        /// <summary>Base64(HMAC-SHA256(key, UTF-8 signString)).</summary>
        public static string ComputeSignature(byte[] key, string signString)
        {
            using var hmac = new HMACSHA256(key);
            return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(signString)));
        }

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
