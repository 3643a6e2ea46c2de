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
    /// every body field (a body field overrides a header), nested values flattened, keys sorted by ordinal,
    /// joined as <c>key=value</c> with <c>&amp;</c>, prefixed with <c>[POST]{host}:{path}&amp;</c>, then
    /// Base64(HMAC-SHA256(accessKey, signString)).
    /// </summary>
    public static class RbSigner
    {
        /// <summary>Header names that never take part in the signature.</summary>
        public static bool IsUnsignedHeader(string name)
            => string.Equals(name, "signature", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "languageFlag", StringComparison.OrdinalIgnoreCase);

        /// <summary>Flattens a JSON body: members join with '.', array elements append their index; empty containers vanish.</summary>
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
                    foreach (var p in value.EnumerateObject()) FlattenInto(list, key + "." + p.Name, p.Value);
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
            var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
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
