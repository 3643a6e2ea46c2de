using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// Reads one value of the wire straight from a <see cref="Utf8JsonReader"/> positioned on it, with the same tolerance
    /// and the same results as <see cref="WireObject"/> gives for that value in a parsed document (numbers sent as text,
    /// nulls, a value of the wrong kind read as absent). Each reader consumes the whole value, containers included, and
    /// leaves the reader on its last token.
    /// </summary>
    internal static class WireReader
    {
        [MethodImpl(RbJit.Optimized)]
        public static string? Str(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String: return r.GetString();
                case JsonTokenType.Null: return null;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    // as the document gives it: the value's own text
                    using (var doc = JsonDocument.ParseValue(ref r)) return doc.RootElement.GetRawText();
                default: return Encoding.UTF8.GetString(RawValue(ref r).ToArray());
            }
        }

        [MethodImpl(RbJit.Optimized)]
        public static long? Long(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.Number:
                    if (r.TryGetInt64(out var l)) return l;
                    if (r.TryGetDecimal(out var d)) return (long)d;
                    return null;
                case JsonTokenType.String:
                    return long.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l) ? l : (long?)null;
                default:
                    r.Skip();
                    return null;
            }
        }

        [MethodImpl(RbJit.Optimized)]
        public static int? Int(ref Utf8JsonReader r)
        {
            var l = Long(ref r);
            return l.HasValue && l.Value >= int.MinValue && l.Value <= int.MaxValue ? (int)l.Value : (int?)null;
        }

        [MethodImpl(RbJit.Optimized)]
        public static decimal? Dec(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.Number:
                    return r.TryGetDecimal(out var d) ? d : (decimal?)null;
                case JsonTokenType.String:
                    return decimal.TryParse(r.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d) ? d : (decimal?)null;
                default:
                    r.Skip();
                    return null;
            }
        }

        /// <summary>Epoch milliseconds; 0 and absent are null.</summary>
        [MethodImpl(RbJit.Optimized)]
        public static DateTimeOffset? EpochMs(ref Utf8JsonReader r)
        {
            var ms = Long(ref r);
            return ms.HasValue && ms.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value) : (DateTimeOffset?)null;
        }

        /// <summary>A 0/1 flag (or a JSON boolean).</summary>
        [MethodImpl(RbJit.Optimized)]
        public static bool Flag(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.True || r.TokenType == JsonTokenType.False) return r.GetBoolean();
            return Long(ref r) == 1;
        }

        /// <summary>A value for a model's Extra: as <see cref="WireObject.ToPlain"/> makes it, a secret-looking member's text as a SecureString.</summary>
        [MethodImpl(RbJit.Optimized)]
        public static object? Plain(ref Utf8JsonReader r, bool secret)
            => secret && r.TokenType == JsonTokenType.String ? Signing.RbCredential.ToSecureString(r.GetString()!) : ToPlain(ref r);

        /// <summary>A JSON value as string, long, decimal, double, bool, null, object[] or a dictionary (as <see cref="WireObject.ToPlain"/>).</summary>
        [MethodImpl(RbJit.Optimized)]
        public static object? ToPlain(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String: return r.GetString();
                case JsonTokenType.Number:
                    if (r.TryGetInt64(out var l)) return l;
                    if (r.TryGetDecimal(out var d)) return d;
                    return r.GetDouble();
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                case JsonTokenType.StartArray:
                    var items = new List<object?>();
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray) items.Add(ToPlain(ref r));
                    return items.ToArray();
                case JsonTokenType.StartObject:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = r.GetString()!;
                        r.Read();
                        map[name] = ToPlain(ref r);
                    }
                    return map;
                default: return null;
            }
        }

        /// <summary>The items of an array, each read by <paramref name="read"/>; none when the value is not an array.</summary>
        [MethodImpl(RbJit.Optimized)]
        public static IReadOnlyList<T> List<T>(ref Utf8JsonReader r, WireRead<T> read)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                r.Skip();
                return Array.Empty<T>();
            }
            var items = new List<T>();
            while (r.Read() && r.TokenType != JsonTokenType.EndArray) items.Add(read(ref r));
            return items.Count == 0 ? Array.Empty<T>() : items.ToArray();
        }

        /// <summary>The raw bytes of the scalar the reader is on.</summary>
        private static ReadOnlySpan<byte> RawValue(ref Utf8JsonReader r) => r.HasValueSequence ? r.ValueSequence.ToArray() : r.ValueSpan;

        /// <summary>A reader on the single value of <paramref name="utf8Json"/> (for a value that arrives as a document).</summary>
        public static Utf8JsonReader On(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json);
            reader.Read();
            return reader;
        }
    }
}
