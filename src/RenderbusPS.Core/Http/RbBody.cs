using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// A request body as the official client sends it: ints and strings only (no JSON booleans, nulls or floats);
    /// absent optionals are left out. Values may be string, int, long, enums, lists of those, or nested bodies.
    /// </summary>
    internal sealed class RbBody
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
            // one writer and buffer per thread, reused: a body costs its bytes and nothing else (a body written while
            // another is, from a list being enumerated, takes a writer of its own)
            var writer = spare ?? new BodyWriter();
            spare = null;
            try
            {
                return writer.Write(this);
            }
            finally
            {
                if (writer.Capacity <= KeepBytes) spare = writer;
            }
        }

        [ThreadStatic] private static BodyWriter? spare;

        /// <summary>Buffers kept between calls up to this size; a larger body's are dropped afterwards.</summary>
        private const int KeepBytes = 64 * 1024;

        /// <summary>A growable byte buffer with its JSON writer, reset for each body.</summary>
        private sealed class BodyWriter : IBufferWriter<byte>
        {
            private byte[] buffer = new byte[512];
            private int written;
            private readonly Utf8JsonWriter json;

            internal BodyWriter() => json = new Utf8JsonWriter(this);

            internal int Capacity => buffer.Length;

            internal byte[] Write(RbBody body)
            {
                written = 0;
                json.Reset(this);
                WriteObject(json, body);
                json.Flush();
                var bytes = new byte[written];
                Buffer.BlockCopy(buffer, 0, bytes, 0, written);
                return bytes;
            }

            public void Advance(int count) => written += count;

            public Memory<byte> GetMemory(int sizeHint = 0)
            {
                Ensure(sizeHint);
                return new Memory<byte>(buffer, written, buffer.Length - written);
            }

            public Span<byte> GetSpan(int sizeHint = 0)
            {
                Ensure(sizeHint);
                return new Span<byte>(buffer, written, buffer.Length - written);
            }

            private void Ensure(int sizeHint)
            {
                var needed = written + Math.Max(sizeHint, 1);
                if (needed > buffer.Length) Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
            }
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
                case Enum e: w.WriteNumberValue(
                    Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)); break;
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
                    throw new ArgumentException(
                        $"A request body field cannot be of type {value.GetType().Name}: send ints and strings.");
            }
        }
    }
}
