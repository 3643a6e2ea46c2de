using System;
using System.Collections.Generic;
using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RenderbusPS.Core.Models
{
    // The converters every wire model reads with (RbWireContext lists them): each reads as RbWireValue says, so a value
    // of the wrong kind is absent (null, 0 or false) rather than an error. They only read: models are never written
    // with these options.

    internal abstract class RbWireReadOnly<T> : JsonConverter<T>
    {
        public override bool HandleNull => true;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
            => throw new NotSupportedException("Wire models are read, never written.");
    }

    internal sealed class RbWireString : RbWireReadOnly<string?>
    {
        public override string? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Text(ref r);
    }

    internal sealed class RbWireLong : RbWireReadOnly<long>
    {
        public override long Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Long(ref r) ?? 0;
    }

    internal sealed class RbWireNullableLong : RbWireReadOnly<long?>
    {
        public override long? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Long(ref r);
    }

    internal sealed class RbWireInt : RbWireReadOnly<int>
    {
        public override int Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Int(ref r) ?? 0;
    }

    internal sealed class RbWireNullableInt : RbWireReadOnly<int?>
    {
        public override int? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Int(ref r);
    }

    internal sealed class RbWireDecimal : RbWireReadOnly<decimal>
    {
        public override decimal Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Dec(ref r) ?? 0;
    }

    internal sealed class RbWireNullableDecimal : RbWireReadOnly<decimal?>
    {
        public override decimal? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Dec(ref r);
    }

    /// <summary>Flags: 1 (or true) is yes.</summary>
    internal sealed class RbWireFlag : RbWireReadOnly<bool>
    {
        public override bool Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Flag(ref r);
    }

    /// <summary>Times: epoch milliseconds, or the service's wall-clock text (both come, even for one field).</summary>
    internal sealed class RbWireTime : RbWireReadOnly<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Time(ref r);
    }

    /// <summary>Durations: whole seconds.</summary>
    internal sealed class RbWireSeconds : RbWireReadOnly<TimeSpan?>
    {
        public override TimeSpan? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Seconds(ref r);
    }

    /// <summary>Secrets (keys, passwords): only ever a read-only SecureString; empty is none.</summary>
    internal sealed class RbWireSecret : RbWireReadOnly<SecureString?>
    {
        public override SecureString? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Text(ref r) is string s && s.Length > 0 ? Signing.RbCredential.ToSecureString(s) : null;
    }

    /// <summary>The values of Extra: plain .NET values, never a JsonElement (nothing of the answer is kept).</summary>
    internal sealed class RbWirePlain : RbWireReadOnly<object?>
    {
        public override object? Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => RbWireValue.Plain(ref r);
    }

    /// <summary>Enums from their number (or number text); a number the enum does not name stays that number.</summary>
    internal sealed class RbWireEnums : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
            => (JsonConverter)Activator.CreateInstance(typeof(RbWireEnum<>).MakeGenericType(typeToConvert))!;
    }

    internal sealed class RbWireEnum<T> : RbWireReadOnly<T> where T : struct, Enum
    {
        // every enum of the models is an int underneath, and a boxed int unboxes as such an enum
        public override T Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
            => (T)(object)(RbWireValue.Int(ref r) ?? 0);
    }

    /// <summary>
    /// Lists: a list that is null or not a list is empty, and items that are null (or not objects, for a list of
    /// models) are left out. Items are read with the options' own metadata for their type.
    /// </summary>
    internal sealed class RbWireLists : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert)
            => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
            => (JsonConverter)Activator.CreateInstance(
                typeof(RbWireList<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    internal sealed class RbWireList<T> : RbWireReadOnly<IReadOnlyList<T>>
    {
        private JsonTypeInfo<T>? items;

        public override IReadOnlyList<T> Read(ref Utf8JsonReader r, Type type, JsonSerializerOptions options)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                r.Skip();
                return Array.Empty<T>();
            }
            var info = items ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
            var models = info.Kind == JsonTypeInfoKind.Object;
            List<T>? list = null;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType == JsonTokenType.Null || (models && r.TokenType != JsonTokenType.StartObject))
                {
                    r.Skip();
                    continue;
                }
                var item = JsonSerializer.Deserialize(ref r, info);
                if (item != null) (list ??= new List<T>()).Add(item);
            }
            return list == null ? Array.Empty<T>() : list.ToArray();
        }
    }
}
