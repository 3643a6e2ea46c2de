using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// A request body as the official client sends it: ints and strings only (no JSON booleans, nulls or floats);
    /// absent optionals are left out. Values may be string, int, long, enums, lists of those, or nested bodies.
    /// </summary>
    public sealed class RbBody
    {
        private readonly List<KeyValuePair<string, object>> fields = new List<KeyValuePair<string, object>>();

        /// <summary>Adds a field; a null value (an absent optional) is left out.</summary>
        public RbBody Add(string name, object? value)
        {
            if (value != null) fields.Add(new KeyValuePair<string, object>(name, value));
            return this;
        }

        public int Count => fields.Count;

        public byte[] ToJsonBytes()
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                WriteObject(w, this);
            }
            return stream.ToArray();
        }

        private static void WriteObject(Utf8JsonWriter w, RbBody body)
        {
            w.WriteStartObject();
            foreach (var f in body.fields)
            {
                w.WritePropertyName(f.Key);
                WriteValue(w, f.Value);
            }
            w.WriteEndObject();
        }

        private static void WriteValue(Utf8JsonWriter w, object value)
        {
            switch (value)
            {
                case string s: w.WriteStringValue(s); break;
                case int i: w.WriteNumberValue(i); break;
                case long l: w.WriteNumberValue(l); break;
                case Enum e: w.WriteNumberValue(Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)); break;
                case RbBody b: WriteObject(w, b); break;
                case IEnumerable list:
                    w.WriteStartArray();
                    foreach (var item in list)
                    {
                        if (item != null) WriteValue(w, item);
                    }
                    w.WriteEndArray();
                    break;
                default:
                    throw new ArgumentException($"A request body field cannot be of type {value.GetType().Name}: send ints and strings.");
            }
        }
    }
}
