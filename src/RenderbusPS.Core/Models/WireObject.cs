using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// Reads one JSON object of the wire tolerantly (numbers sent as strings, nulls, missing fields) and keeps
    /// track of what was read, so the rest can go to a model's <c>Extra</c> and nothing the service sends is lost.
    /// </summary>
    internal sealed class WireObject
    {
        private readonly JsonElement el;
        private readonly HashSet<string> read = new HashSet<string>(StringComparer.Ordinal);

        public WireObject(JsonElement element)
        {
            el = element.ValueKind == JsonValueKind.Object ? element : default;
        }

        private bool TryGet(string name, out JsonElement value)
        {
            read.Add(name);
            value = default;
            return el.ValueKind == JsonValueKind.Object && el.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        }

        public string? Str(string name)
        {
            if (!TryGet(name, out var v)) return null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }

        public long? Long(string name)
        {
            if (!TryGet(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return (long)d;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            return null;
        }

        public int? Int(string name)
        {
            var l = Long(name);
            return l.HasValue && l.Value >= int.MinValue && l.Value <= int.MaxValue ? (int)l.Value : (int?)null;
        }

        public decimal? Dec(string name)
        {
            if (!TryGet(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
            if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d)) return d;
            return null;
        }

        /// <summary>Epoch milliseconds; 0 and absent are null.</summary>
        public DateTimeOffset? EpochMs(string name)
        {
            var ms = Long(name);
            return ms.HasValue && ms.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value) : (DateTimeOffset?)null;
        }

        /// <summary>A 0/1 flag (or a JSON boolean).</summary>
        public bool Flag(string name)
        {
            if (TryGet(name, out var v) && (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False)) return v.GetBoolean();
            return Long(name) == 1;
        }

        /// <summary>A bare JSON number (or number text) as an int; 0 when it is neither.</summary>
        public static int IntOf(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
            if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out i)) return i;
            return 0;
        }

        /// <summary>The member as it came (marked read), or an undefined element when absent or null.</summary>
        public JsonElement Raw(string name) => TryGet(name, out var v) ? v : default;

        public IReadOnlyList<T> List<T>(string name, Func<JsonElement, T> map)
        {
            if (!TryGet(name, out var v) || v.ValueKind != JsonValueKind.Array) return Array.Empty<T>();
            return v.EnumerateArray().Select(map).ToArray();
        }

        /// <summary>Every member not read so far, as plain .NET values.</summary>
        public IDictionary<string, object?> Rest()
        {
            var extra = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (el.ValueKind != JsonValueKind.Object) return extra;
            foreach (var p in el.EnumerateObject())
            {
                if (read.Contains(p.Name)) continue;
                // a field the model does not name may still be a secret: it is kept, but never as plain text
                extra[p.Name] = Signing.RbSecrets.IsSecretField(p.Name) && p.Value.ValueKind == JsonValueKind.String
                    ? Signing.RbCredential.ToSecureString(p.Value.GetString()!)
                    : ToPlain(p.Value);
            }
            return extra;
        }

        /// <summary>A JSON value as string, long, decimal, bool, null, object[] or a dictionary.</summary>
        public static object? ToPlain(JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Number:
                    if (v.TryGetInt64(out var l)) return l;
                    if (v.TryGetDecimal(out var d)) return d;
                    return v.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array: return v.EnumerateArray().Select(ToPlain).ToArray();
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var p in v.EnumerateObject()) map[p.Name] = ToPlain(p.Value);
                    return map;
                default: return null;
            }
        }
    }
}
