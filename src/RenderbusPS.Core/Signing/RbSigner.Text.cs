using System;
using System.Collections.Generic;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Signing
{
    /// <summary>
    /// The text a signature covers, built straight into pooled bytes (SignText), and its HMAC-SHA256: one-shot where
    /// the runtime has it, the classic object on .NET Framework.
    /// </summary>
    internal static partial class RbSigner
    {
        internal const int MacLength = 32;

        private delegate int HmacOneShot(ReadOnlySpan<byte> key, ReadOnlySpan<byte> source, Span<byte> destination);

        /// <summary>
        /// HMACSHA256.HashData(key, source, destination) where the runtime has it (.NET 6 and later: PowerShell 7): one
        /// call, no object and no copy of the key. The module targets netstandard2.0, so it is found at run time.
        /// </summary>
        private static readonly HmacOneShot? hmacOneShot = FindHmacOneShot();

        private static HmacOneShot? FindHmacOneShot()
        {
            var method = typeof(HMACSHA256).GetMethod("HashData", BindingFlags.Public | BindingFlags.Static, null,
                new[] { typeof(ReadOnlySpan<byte>), typeof(ReadOnlySpan<byte>), typeof(Span<byte>) }, null);
            return method == null || method.ReturnType != typeof(int) ? null
                : (HmacOneShot?)Delegate.CreateDelegate(typeof(HmacOneShot), method, throwOnBindFailure: false);
        }

        /// <summary>HMAC-SHA256 of <paramref name="message"/> into <paramref name="mac"/> (32 bytes).</summary>
        internal static void Mac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
        {
            if (hmacOneShot != null) hmacOneShot(key, message, mac);
            else MacClassic(key, message, mac);
        }

        /// <summary>Windows PowerShell (.NET Framework), which has no one-shot HMAC: the classic object, with a copy of
        /// the key wiped afterwards.</summary>
        internal static void MacClassic(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> mac)
        {
            var keyCopy = key.ToArray();
            try
            {
                using var hmac = new HMACSHA256(keyCopy);
                hmac.ComputeHash(message.ToArray()).CopyTo(mac);
            }
            finally
            {
                Array.Clear(keyCopy, 0, keyCopy.Length);
            }
        }

        /// <summary>
        /// Builds the signed text as UTF-8: headers and flattened body fields are gathered as (key, value) ranges of
        /// one buffer, the body read token by token; they are sorted by their keys' bytes (UTF-8 byte order is code
        /// point order, the order of Python's <c>sorted()</c>), the last of equal keys kept (a body field overrides a
        /// header; a repeated field, its last value) and joined. One per thread, reused, so a signature allocates
        /// nothing here.
        /// </summary>
        private sealed class SignText : IComparer<SignText.Field>
        {
            [ThreadStatic] private static SignText? spare;

            /// <summary>Buffers kept between calls up to this size; a larger body's are dropped afterwards.</summary>
            private const int KeepBytes = 64 * 1024;

            private byte[] text = new byte[1024];
            private int textLength;
            private byte[] key = new byte[256];
            private Field[] fields = new Field[32];
            private int count;
            private byte[] output = new byte[1024];
            private int outputLength;

            internal readonly byte[] MacBuffer = new byte[MacLength];

            internal struct Field
            {
                internal int Key, KeyLength, Value, ValueLength, Order;
            }

            internal static SignText Take()
            {
                var text = spare ?? new SignText();
                spare = null;
                text.textLength = 0;
                text.count = 0;
                text.outputLength = 0;
                return text;
            }

            internal static void Give(SignText text)
            {
                if (text.text.Length > KeepBytes || text.output.Length > KeepBytes || text.key.Length > KeepBytes
                    || text.fields.Length > KeepBytes / 16) return;
                spare = text;
            }

            internal ReadOnlySpan<byte> Output => new ReadOnlySpan<byte>(output, 0, outputLength);
            internal byte[] OutputArray => output;

            internal void Build(
                string? host, string? path, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
            {
                if (headers is KeyValuePair<string, string>[] array)
                {
                    // the client's own headers: no enumerator
                    foreach (var h in array) AddHeader(h);
                }
                else
                {
                    foreach (var h in headers) AddHeader(h);
                }
                AddBody(body);
                Sort();

                if (host != null)
                {
                    Write("[POST]");
                    Write(host);
                    Write(":");
                    Write(path ?? string.Empty);
                    Write("&");
                }
                var first = true;
                for (var i = 0; i < count; i++)
                {
                    var f = fields[i];
                    // the last of equal keys wins: skip one followed by the same key
                    if (i + 1 < count && KeyOf(fields[i + 1]).SequenceEqual(KeyOf(f))) continue;
                    if (!first) Write((byte)'&');
                    first = false;
                    Write(KeyOf(f));
                    Write((byte)'=');
                    Write(new ReadOnlySpan<byte>(text, f.Value, f.ValueLength));
                }
            }

            private void AddHeader(KeyValuePair<string, string> header)
            {
                if (IsUnsignedHeader(header.Key)) return;
                var k = AppendText(header.Key);
                var v = AppendText(header.Value ?? string.Empty);
                AddField(k, v - k, v);
            }

            /// <summary>The gathered fields in the order they came, as strings (for <see cref="Flatten"/>).</summary>
            internal List<KeyValuePair<string, string>> Fields()
            {
                var list = new List<KeyValuePair<string, string>>(count);
                for (var i = 0; i < count; i++)
                {
                    var f = fields[i];
                    list.Add(
                        new KeyValuePair<string, string>(
                        Encoding.UTF8.GetString(text, f.Key, f.KeyLength),
                        Encoding.UTF8.GetString(text, f.Value, f.ValueLength)));
                }
                return list;
            }

            internal void AddBody(ReadOnlySpan<byte> json)
            {
                if (json.IsEmpty) return;
                var reader = new Utf8JsonReader(json);
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) return;
                if (reader.TokenType != JsonTokenType.StartObject) throw new ArgumentException(
                    "A request body must be a JSON object.", "body");
                AddValue(ref reader, 0);
                // anything but white space after the object throws, as it does for a parsed document
                reader.Read();
            }

            /// <summary>Adds the value the reader is on, under the key held in the first <paramref name="keyLength"/>
            /// bytes of the key buffer.</summary>
            private void AddValue(ref Utf8JsonReader reader, int keyLength)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            // a member takes its name alone under an empty key (Python's "if not key"), else key + "."
                            // + name
                            var at = keyLength == 0 ? 0 : keyLength + 1;
                            EnsureKey(at + reader.ValueSpan.Length);
                            if (at > 0) key[keyLength] = (byte)'.';
                            var nameLength = reader.CopyString(new Span<byte>(key, at, key.Length - at));
                            reader.Read();
                            AddValue(ref reader, at + nameLength);
                        }
                        break;
                    case JsonTokenType.StartArray:
                        var index = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            EnsureKey(keyLength + 11);
                            var digits = WriteDigits(key, keyLength, index++);
                            AddValue(ref reader, keyLength + digits);
                        }
                        break;
                    default:
                        var k = Append(new ReadOnlySpan<byte>(key, 0, keyLength));
                        var v = textLength;
                        AppendScalar(ref reader);
                        AddField(k, keyLength, v);
                        break;
                }
            }

            // Values render the way the official (Python) client renders them with str().
            private void AppendScalar(ref Utf8JsonReader reader)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        EnsureText(reader.ValueSpan.Length);
                        textLength += reader.CopyString(new Span<byte>(text, textLength, text.Length - textLength));
                        break;
                    case JsonTokenType.True: Append("True"u8); break;
                    case JsonTokenType.False: Append("False"u8); break;
                    case JsonTokenType.Null: Append("None"u8); break;
                    default: Append(reader.ValueSpan); break;
                }
            }

            private void AddField(int keyAt, int keyLength, int valueAt)
            {
                if (count == fields.Length) Array.Resize(ref fields, fields.Length * 2);
                fields[count] = new Field { Key = keyAt, KeyLength = keyLength, Value = valueAt,
                    ValueLength = textLength - valueAt, Order = count };
                count++;
            }

            private ReadOnlySpan<byte> KeyOf(Field f) => new ReadOnlySpan<byte>(text, f.Key, f.KeyLength);

            public int Compare(Field x, Field y)
            {
                var c = KeyOf(x).SequenceCompareTo(KeyOf(y));
                return c != 0 ? c : x.Order - y.Order;
            }

            private void Sort()
            {
                if (count > 48)
                {
                    Array.Sort(fields, 0, count, this);
                    return;
                }
                // a request's handful of fields: insertion sort, which allocates nothing
                for (var i = 1; i < count; i++)
                {
                    var f = fields[i];
                    var j = i - 1;
                    while (j >= 0 && Compare(fields[j], f) > 0)
                    {
                        fields[j + 1] = fields[j];
                        j--;
                    }
                    fields[j + 1] = f;
                }
            }

            private static int WriteDigits(byte[] into, int at, int value)
            {
                var digits = 1;
                for (var rest = value / 10; rest > 0; rest /= 10) digits++;
                for (var i = at + digits - 1; i >= at; i--)
                {
                    into[i] = (byte)('0' + value % 10);
                    value /= 10;
                }
                return digits;
            }

            private int AppendText(string s)
            {
                var at = textLength;
                EnsureText(Encoding.UTF8.GetMaxByteCount(s.Length));
                textLength += Encoding.UTF8.GetBytes(s, 0, s.Length, text, textLength);
                return at;
            }

            private int Append(ReadOnlySpan<byte> bytes)
            {
                var at = textLength;
                EnsureText(bytes.Length);
                bytes.CopyTo(new Span<byte>(text, textLength, bytes.Length));
                textLength += bytes.Length;
                return at;
            }

            private void Write(string s)
            {
                EnsureOutput(Encoding.UTF8.GetMaxByteCount(s.Length));
                outputLength += Encoding.UTF8.GetBytes(s, 0, s.Length, output, outputLength);
            }

            private void Write(byte b)
            {
                EnsureOutput(1);
                output[outputLength++] = b;
            }

            private void Write(ReadOnlySpan<byte> bytes)
            {
                EnsureOutput(bytes.Length);
                bytes.CopyTo(new Span<byte>(output, outputLength, bytes.Length));
                outputLength += bytes.Length;
            }

            private void EnsureText(int more) => Grow(ref text, textLength + more);
            private void EnsureOutput(int more) => Grow(ref output, outputLength + more);
            private void EnsureKey(int length) => Grow(ref key, length);

            private static void Grow(ref byte[] buffer, int needed)
            {
                if (needed <= buffer.Length) return;
                Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
            }
        }
    }
}
