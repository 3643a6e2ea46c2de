using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RenderbusPS.Core.Models
{
    // Converters one field names with [JsonConverter], for a field whose value says more than its type: each reads
    // tolerantly as RbWireValue does. They write too (plainly), since an attribute on a property also applies when
    // someone serializes a model with options of their own.

    internal abstract class RbWireField<T> : JsonConverter<T>
    {
        public override bool HandleNull => true;
    }

    /// <summary>An id where 0 (or less) means none, such as a top-level task's <c>layerParentId</c>.</summary>
    internal sealed class RbWireId : RbWireField<long?>
    {
        public override long? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options) => Value(ref r);

        public static long? Value(ref Utf8JsonReader r)
            => RbWireValue.Long(ref r) is long id && id > 0 ? id : (long?)null;

        public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteNumberValue(value.Value);
            else writer.WriteNullValue();
        }
    }

    /// <summary>Seconds where 0 (or less) means none, such as <c>overTimeStop</c>.</summary>
    internal sealed class RbWireLimit : RbWireField<TimeSpan?>
    {
        public override TimeSpan? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options) => Value(ref r);

        public static TimeSpan? Value(ref Utf8JsonReader r)
            => RbWireValue.Seconds(ref r) is TimeSpan t && t > TimeSpan.Zero ? t : (TimeSpan?)null;

        public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteNumberValue((long)value.Value.TotalSeconds);
            else writer.WriteNullValue();
        }
    }

    /// <summary>A flag the service turns around: 0 is yes (<c>isDelete</c>: 0 deleted, 1 not deleted).</summary>
    internal sealed class RbWireZeroIsYes : RbWireField<bool>
    {
        public override bool Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options) => Value(ref r);

        public static bool Value(ref Utf8JsonReader r) => RbWireValue.Long(ref r) == 0;

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
            => writer.WriteNumberValue(value ? 0 : 1);
    }

    /// <summary>A code where empty text and 0 mean none, such as a task's <c>errorCode</c>.</summary>
    internal sealed class RbWireCode : RbWireField<string?>
    {
        public override string? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options) => Value(ref r);

        public static string? Value(ref Utf8JsonReader r)
            => RbWireValue.Text(ref r) is string code && code.Length > 0 && code != "0" ? code : null;

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
            => writer.WriteStringValue(value);
    }

    /// <summary>
    /// A list of texts the service may send as a JSON list, as JSON text of one (<c>["2W1732707"]</c>), or as text
    /// separated by commas or semicolons (<c>ma;mb</c>).
    /// </summary>
    internal sealed class RbWireTexts : RbWireField<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
        {
            if (r.TokenType == JsonTokenType.StartArray)
            {
                var items = new List<string>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (RbWireValue.Text(ref r) is string item) items.Add(item);
                }
                return items.ToArray();
            }
            var text = r.TokenType == JsonTokenType.String ? r.GetString()!.Trim() : null;
            r.Skip();
            if (string.IsNullOrEmpty(text)) return Array.Empty<string>();
            if (text!.StartsWith("[", StringComparison.Ordinal))
            {
                try
                {
                    var inner = RbWireValue.On(System.Text.Encoding.UTF8.GetBytes(text));
                    if (inner.TokenType == JsonTokenType.StartArray) return Read(ref inner, type, options);
                }
                catch (JsonException)
                {
                    // not JSON after all: read it as a list
                }
            }
            return text.Trim('[', ']').Split(',', ';').Select(x => x.Trim().Trim('"').Trim())
                .Where(x => x.Length > 0).ToArray();
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value) writer.WriteStringValue(item);
            writer.WriteEndArray();
        }
    }

    /// <summary>A model inside a model: anything but an object reads as none.</summary>
    internal sealed class RbWireObject<T> : RbWireField<T?> where T : class
    {
        public override T? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
        {
            if (r.TokenType == JsonTokenType.StartObject)
                return JsonSerializer.Deserialize(ref r, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
            r.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
            => JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>
    /// A task's <c>labels</c>: JSON text of an object from label id to name (<c>"{}"</c> when there are none,
    /// <c>"{\"21205\":\"lookdev\"}"</c>); an object, or a list of <c>{id|labelId, name|labelName}</c> items, is
    /// read too. Anything else gives no labels. Sorted by name.
    /// </summary>
    internal sealed class RbWireLabels : RbWireField<IReadOnlyList<RbTaskLabel>>
    {
        public override IReadOnlyList<RbTaskLabel> Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => Value(ref r);

        public static IReadOnlyList<RbTaskLabel> Value(ref Utf8JsonReader r)
        {
            // most tasks have none: no string and no document for them
            if (r.TokenType == JsonTokenType.String && (r.ValueTextEquals("{}"u8) || r.ValueTextEquals(""u8)))
                return Array.Empty<RbTaskLabel>();
            if (r.TokenType != JsonTokenType.String)
            {
                using var doc = JsonDocument.ParseValue(ref r);
                return Labels(doc.RootElement);
            }
            try
            {
                using var text = JsonDocument.Parse(r.GetString()!);
                return Labels(text.RootElement);
            }
            catch (JsonException)
            {
                return Array.Empty<RbTaskLabel>();
            }
        }

        private static IReadOnlyList<RbTaskLabel> Labels(JsonElement value)
        {
            var labels = new List<RbTaskLabel>();
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in value.EnumerateObject())
                {
                    if (long.TryParse(p.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                        labels.Add(new RbTaskLabel(id, Text(p.Value) ?? ""));
                }
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var id = Id(item, "labelId") ?? Id(item, "id");
                    var name = Text(item, "labelName") ?? Text(item, "name");
                    if (id.HasValue && name != null) labels.Add(new RbTaskLabel(id.Value, name));
                }
            }
            return labels.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        }

        private static string? Text(JsonElement item, string name)
            => item.TryGetProperty(name, out var v) ? Text(v) : null;

        private static string? Text(JsonElement v)
            => v.ValueKind == JsonValueKind.String ? v.GetString()
                : v.ValueKind == JsonValueKind.Null ? null : v.GetRawText();

        private static long? Id(JsonElement item, string name)
            => long.TryParse(Text(item, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? id : (long?)null;

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<RbTaskLabel> value,
            JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var label in value)
                writer.WriteString(label.LabelId.ToString(CultureInfo.InvariantCulture), label.Name);
            writer.WriteEndObject();
        }
    }
}
