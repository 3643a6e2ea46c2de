using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>A label on a task (<c>addTaskLabel</c>); <see cref="LabelId"/> is what <c>deleteTaskLabel</c> takes.</summary>
    public sealed class RbTaskLabel
    {
        public RbTaskLabel(long labelId, string name)
        {
            LabelId = labelId;
            Name = name ?? string.Empty;
        }

        public long LabelId { get; }
        public string Name { get; }

        public override string ToString() => Name;

        /// <summary>
        /// Reads a task's <c>labels</c>. The service sends them as JSON text of an object from label id to name
        /// (<c>"{}"</c> when there are none, <c>"{\"21205\":\"lookdev\"}"</c>); an object or a list of
        /// <c>{id|labelId, name|labelName}</c> items is read too. Anything else gives no labels (the raw value stays unread).
        /// </summary>
        internal static IReadOnlyList<RbTaskLabel> ListFromWire(JsonElement value)
        {
            try
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    // most tasks have none: no string, no document for them
                    if (value.ValueEquals("{}"u8) || value.ValueEquals(ReadOnlySpan<byte>.Empty)) return Array.Empty<RbTaskLabel>();
                    return ListFromText(value.GetString());
                }
                return Read(value);
            }
            catch (JsonException)
            {
                return Array.Empty<RbTaskLabel>();
            }
        }

        private static IReadOnlyList<RbTaskLabel> ListFromText(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return Array.Empty<RbTaskLabel>();
            try
            {
                using var doc = JsonDocument.Parse(text!);
                return Read(doc.RootElement);
            }
            catch (JsonException)
            {
                return Array.Empty<RbTaskLabel>();
            }
        }

        /// <summary>The same from a reader on the value (consuming it): no string and no document for the usual empty text.</summary>
        internal static IReadOnlyList<RbTaskLabel> ListFromWire(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("{}"u8) || reader.ValueTextEquals(ReadOnlySpan<byte>.Empty))) return Array.Empty<RbTaskLabel>();
            if (reader.TokenType == JsonTokenType.String) return ListFromText(reader.GetString());
            if (reader.TokenType != JsonTokenType.StartObject && reader.TokenType != JsonTokenType.StartArray) return Array.Empty<RbTaskLabel>();
            using var doc = JsonDocument.ParseValue(ref reader);
            return Read(doc.RootElement);
        }

        private static IReadOnlyList<RbTaskLabel> Read(JsonElement value)
        {
            var labels = new List<RbTaskLabel>();
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in value.EnumerateObject())
                {
                    if (long.TryParse(p.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                        labels.Add(new RbTaskLabel(id, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()));
                }
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    var w = new WireObject(item);
                    var id = w.Long("labelId") ?? w.Long("id");
                    var name = w.Str("labelName") ?? w.Str("name");
                    if (id.HasValue && name != null) labels.Add(new RbTaskLabel(id.Value, name));
                }
            }
            return labels.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        }
    }
}
