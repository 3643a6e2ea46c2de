using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The one way an answer becomes models: System.Text.Json's source-generated metadata
    /// (<see cref="RbWireContext"/>), read with the tolerant converters it lists, and every model's unknown fields kept
    /// in its Extra (<see cref="RbWireExtra"/>). An answer that is not the object or list a call expects reads as an
    /// empty one, as a field of the wrong kind reads as absent.
    /// </summary>
    internal static class RbWire
    {
        internal static readonly JsonSerializerOptions Options = new(RbWireContext.Default.Options)
        {
            TypeInfoResolver = RbWireContext.Default.WithAddedModifier(RbWireExtra.Keep),
        };

        /// <summary>The metadata of <typeparamref name="T"/> with these options (looked up once).</summary>
        public static JsonTypeInfo<T> Info<T>() => Cached<T>.Info;

        private static class Cached<T>
        {
            internal static readonly JsonTypeInfo<T> Info = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        }

        /// <summary>A model from the value the reader is on, consuming it.</summary>
        public static T Read<T>(ref Utf8JsonReader reader) where T : class
        {
            if (reader.TokenType == JsonTokenType.StartObject)
                return JsonSerializer.Deserialize(ref reader, Info<T>())!;
            reader.Skip();
            return Empty<T>();
        }

        /// <summary>A model from an answer's data.</summary>
        public static T Read<T>(JsonElement data) where T : class
            => data.ValueKind == JsonValueKind.Object ? JsonSerializer.Deserialize(data, Info<T>())! : Empty<T>();

        /// <summary>A list of models (or values) from an answer's data.</summary>
        public static IReadOnlyList<T> List<T>(JsonElement data)
            => data.ValueKind == JsonValueKind.Array ? JsonSerializer.Deserialize(data, Info<IReadOnlyList<T>>())!
                : Array.Empty<T>();

        /// <summary>
        /// A page (<c>items</c>, <c>pageNum</c>, <c>pageCount</c>, <c>total</c>) from the value the reader is on,
        /// consuming it; <see cref="RbPage{T}.PageNum"/> is the page asked for when the answer does not say.
        /// </summary>
        public static RbPage<T> Page<T>(ref Utf8JsonReader reader, int requestedPage)
            => Numbered(Read<RbPage<T>>(ref reader), requestedPage);

        public static RbPage<T> Page<T>(JsonElement data, int requestedPage)
            => Numbered(Read<RbPage<T>>(data), requestedPage);

        private static RbPage<T> Numbered<T>(RbPage<T> page, int requestedPage)
        {
            page.PageNum ??= requestedPage;
            return page;
        }

        /// <summary>A value as Extra holds it (<see cref="RbWirePlain"/>).</summary>
        public static object? Plain(JsonElement value)
            => value.ValueKind == JsonValueKind.Undefined ? null : JsonSerializer.Deserialize(value, Info<object?>());

        private static T Empty<T>() where T : class => (T)Info<T>().CreateObject!();
    }
}
