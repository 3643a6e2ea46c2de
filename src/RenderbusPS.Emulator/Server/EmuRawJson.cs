using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>
    /// JSON a handler wrote straight to bytes (the big lists: task pages, frame pages), carried in the
    /// <see cref="JsonNode"/> every handler returns. It is written under the store's lock, so it shows one moment of
    /// the account; the envelope copies the bytes as they are (<see cref="EmuReply.Envelope"/>) and gives the buffer
    /// back. Where an answer has to be changed as a tree (the v1 path set), <see cref="Materialize"/> parses it.
    /// </summary>
    internal sealed class EmuRawJson
    {
        private static readonly JsonTypeInfo<EmuRawJson> Info = JsonMetadataServices.CreateValueInfo<EmuRawJson>(
            new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }, new Converter());

        private readonly EmuBuffer buffer;

        private EmuRawJson(EmuBuffer buffer) => this.buffer = buffer;

        /// <summary>Writes one JSON value with <paramref name="write"/> and wraps it as a node.</summary>
        public static JsonNode Write(int capacity, Action<Utf8JsonWriter> write)
        {
            var buffer = new EmuBuffer(capacity);
            using (var writer = new Utf8JsonWriter(buffer)) write(writer);
            return JsonValue.Create(new EmuRawJson(buffer), Info)!;
        }

        /// <summary>The pre-written bytes of <paramref name="node"/>, if it is such a value.</summary>
        public static EmuRawJson? Of(JsonNode? node)
            => node is JsonValue value && value.TryGetValue<EmuRawJson>(out var raw) ? raw : null;

        public int Length => buffer.Length;

        public void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(buffer.Written, skipInputValidation: true);

        /// <summary>Gives the buffer back; the value is empty afterwards.</summary>
        public void Release() => buffer.Release();

        /// <summary>The node as a tree (a pre-written value is parsed and its buffer given back); any other node as it
        /// is.</summary>
        public static JsonNode? Materialize(JsonNode? node)
        {
            var raw = Of(node);
            if (raw == null) return node;
            var tree = JsonNode.Parse(raw.buffer.Written.ToArray());
            raw.Release();
            return tree;
        }

        private sealed class Converter : JsonConverter<EmuRawJson>
        {
            public override EmuRawJson Read(
                ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
                => throw new NotSupportedException("Pre-written JSON is only written.");

            public override void Write(Utf8JsonWriter writer, EmuRawJson value, JsonSerializerOptions options) =>
                value.WriteTo(writer);
        }
    }
}
