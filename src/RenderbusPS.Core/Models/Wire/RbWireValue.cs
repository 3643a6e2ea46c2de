using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// How one wire value is read, whatever the service put there: a number may come as text, null and a value of the
    /// wrong kind read as absent (null), and every method consumes the whole value, so a reader is never left inside
    /// one. The converters of this folder are these methods behind System.Text.Json's converter type.
    /// </summary>
    internal static class RbWireValue
    {
        /// <summary>The largest time FromUnixTimeMilliseconds takes (9999-12-31).</summary>
        private const long MaxEpochMs = 253_402_300_799_999;

        /// <summary>A string as it is; a number, true or false as its JSON text; an object or list as JSON.</summary>
        public static string? Text(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String: return r.GetString();
                case JsonTokenType.Null: return null;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    using (var doc = JsonDocument.ParseValue(ref r)) return doc.RootElement.GetRawText();
                default:
                    return r.HasValueSequence ? Encoding.UTF8.GetString(r.ValueSequence.ToArray())
                        : Encoding.UTF8.GetString(r.ValueSpan.ToArray());
            }
        }

        /// <summary>A whole number, or number text; a fraction is cut to its whole part.</summary>
        public static long? Long(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.Number:
                    if (r.TryGetInt64(out var l)) return l;
                    return r.TryGetDecimal(out var d) && d >= long.MinValue && d <= long.MaxValue
                        ? (long)d : (long?)null;
                case JsonTokenType.String:
                    return long.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)
                        ? l : (long?)null;
                default:
                    r.Skip();
                    return null;
            }
        }

        public static int? Int(ref Utf8JsonReader r)
        {
            var l = Long(ref r);
            return l >= int.MinValue && l <= int.MaxValue ? (int)l.Value : (int?)null;
        }

        public static decimal? Dec(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.Number:
                    return r.TryGetDecimal(out var d) ? d : (decimal?)null;
                case JsonTokenType.String:
                    return decimal.TryParse(r.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d)
                        ? d : (decimal?)null;
                default:
                    r.Skip();
                    return null;
            }
        }

        /// <summary>A JSON boolean, or 1 (number or text) for yes; anything else is no.</summary>
        public static bool Flag(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.True || r.TokenType == JsonTokenType.False) return r.GetBoolean();
            return Long(ref r) == 1;
        }

        /// <summary>Epoch milliseconds (number or text), or the service's wall-clock text; 0 is none.</summary>
        public static DateTimeOffset? Time(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.String) return RbServiceTime.Parse(r.GetString());
            return EpochMs(Long(ref r));
        }

        public static DateTimeOffset? EpochMs(long? ms)
            => ms > 0 && ms <= MaxEpochMs ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value) : (DateTimeOffset?)null;

        /// <summary>A whole number of seconds as a duration.</summary>
        public static TimeSpan? Seconds(ref Utf8JsonReader r) => Seconds(Long(ref r));

        /// <summary>Seconds as a duration; null when none, or too long for one.</summary>
        public static TimeSpan? Seconds(long? seconds)
            => seconds >= -MaxSeconds && seconds <= MaxSeconds ? TimeSpan.FromSeconds(seconds.Value) : (TimeSpan?)null;

        private const long MaxSeconds = 900_000_000_000;

        /// <summary>A value for Extra: string, long, decimal, double, bool, null, object[] or a dictionary.</summary>
        public static object? Plain(ref Utf8JsonReader r)
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
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray) items.Add(Plain(ref r));
                    return items.ToArray();
                case JsonTokenType.StartObject:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = r.GetString()!;
                        r.Read();
                        map[name] = Plain(ref r);
                    }
                    return map;
                default: return null;
            }
        }

        /// <summary>A reader on the single value of <paramref name="utf8Json"/>, already on it.</summary>
        public static Utf8JsonReader On(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json);
            reader.Read();
            return reader;
        }
    }

    /// <summary>Reads one value from a reader positioned on it, consuming all of it.</summary>
    internal delegate T WireRead<T>(ref Utf8JsonReader reader);
}
