using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// Builds models of one type straight from the bytes of the wire, in one pass of a <see cref="Utf8JsonReader"/>, with no
    /// document in between: each member the model names goes to its setter as the reader reaches it, every other member to
    /// the model's Extra (as plain values, a secret-looking one as a SecureString), exactly as <see cref="WireObject"/> reads
    /// them from a document. Member names are recognised through the model's <see cref="WireShape"/> (usually one
    /// comparison, no string made). For the answers read most (task pages), where building a document first cost as much
    /// as building the models. Thread-safe once built (build it in a static field).
    /// </summary>
    internal sealed class WireBinder<T>
    {
        private delegate void Bind(T model, ref Utf8JsonReader reader);

        /// <summary>One member the model names: how it is read from a reader and from an element of a document.</summary>
        private sealed class Member
        {
            internal Member(Bind fromReader, Action<T, JsonElement> fromElement)
            {
                FromReader = fromReader;
                FromElement = fromElement;
            }

            internal Bind FromReader { get; }
            internal Action<T, JsonElement> FromElement { get; }
        }

        private readonly Func<T> create;
        private readonly Action<T, IDictionary<string, object?>> setExtra;
        private readonly WireShape shape = new WireShape();
        private readonly List<Member> members = new List<Member>();
        private readonly WireRead<T> readOne;
        private readonly Func<JsonElement, T> readElement;

        public WireBinder(Func<T> create, Action<T, IDictionary<string, object?>> setExtra)
        {
            this.create = create;
            this.setExtra = setExtra;
            readOne = Read;
            readElement = Read;
        }

        public WireBinder<T> Str(string name, Action<T, string?> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.Str(ref r)), (m, v) => set(m, WireObject.AsStr(v)));

        public WireBinder<T> Long(string name, Action<T, long?> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.Long(ref r)), (m, v) => set(m, WireObject.AsLong(v)));

        public WireBinder<T> Int(string name, Action<T, int?> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.Int(ref r)), (m, v) => set(m, WireObject.AsInt(v)));

        public WireBinder<T> Dec(string name, Action<T, decimal?> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.Dec(ref r)), (m, v) => set(m, WireObject.AsDec(v)));

        public WireBinder<T> EpochMs(string name, Action<T, DateTimeOffset?> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.EpochMs(ref r)), (m, v) => set(m, WireObject.AsEpochMs(v)));

        public WireBinder<T> Flag(string name, Action<T, bool> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.Flag(ref r)), (m, v) => set(m, WireObject.AsFlag(v)));

        /// <summary>A member read by <paramref name="read"/> from a reader (consuming the value) or <paramref name="readElement"/> from an element.</summary>
        public WireBinder<T> Value<TValue>(string name, WireRead<TValue> read, Func<JsonElement, TValue> readElement, Action<T, TValue> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, read(ref r)), (m, v) => set(m, readElement(v)));

        /// <summary>A list of models of this binder (sub-items of the same kind).</summary>
        public WireBinder<T> List(string name, Action<T, IReadOnlyList<T>> set)
            => Add(name, [MethodImpl(RbJit.Optimized)] (T m, ref Utf8JsonReader r) => set(m, WireReader.List(ref r, readOne)), (m, v) => set(m, WireObject.AsList(v, readElement)));

        private WireBinder<T> Add(string name, Bind fromReader, Action<T, JsonElement> fromElement)
        {
            // the shape gives the binder's members slots in the order they are added: slot i is member i
            shape.LearnSlot(name);
            if (shape.Current.SlotNames.Length != members.Count + 1) throw new InvalidOperationException($"The member {name} cannot be bound (bound twice, or too many members).");
            members.Add(new Member(fromReader, fromElement));
            return this;
        }

        /// <summary>A model from the value the reader is on (an object; anything else gives an empty model), consuming it.</summary>
        [MethodImpl(RbJit.Optimized)]
        public T Read(ref Utf8JsonReader reader)
        {
            var model = create();
            Dictionary<string, object?>? extra = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            else
            {
                var known = shape.Current;
                var walk = shape.StartWalk(known);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = shape.Match(ref walk, ref reader);
                    var text = name == null ? reader.GetString()! : null;
                    reader.Read();
                    if (name != null && (uint)name.Slot < (uint)members.Count)
                    {
                        members[name.Slot].FromReader(model, ref reader);
                        continue;
                    }
                    text ??= name!.Text;
                    extra ??= new Dictionary<string, object?>(Math.Max(known.ExtraCount, 4), StringComparer.Ordinal);
                    extra[text] = WireReader.Plain(ref reader, name?.IsSecret ?? Signing.RbSecrets.IsSecretField(text));
                }
            }
            setExtra(model, extra ?? new Dictionary<string, object?>(StringComparer.Ordinal));
            return model;
        }

        /// <summary>A model from an element of a parsed document (an object; anything else gives an empty model): the same model.</summary>
        public T Read(JsonElement element)
        {
            var model = create();
            Dictionary<string, object?>? extra = null;
            if (element.ValueKind == JsonValueKind.Object)
            {
                var known = shape.Current;
                var walk = shape.StartWalk(known);
                foreach (var p in element.EnumerateObject())
                {
                    var name = shape.Match(ref walk, p);
                    if (name != null && (uint)name.Slot < (uint)members.Count)
                    {
                        members[name.Slot].FromElement(model, p.Value);
                        continue;
                    }
                    var text = name?.Text ?? p.Name;
                    extra ??= new Dictionary<string, object?>(Math.Max(known.ExtraCount, 4), StringComparer.Ordinal);
                    extra[text] = WireObject.Plain(text, name?.IsSecret ?? Signing.RbSecrets.IsSecretField(text), p.Value);
                }
            }
            setExtra(model, extra ?? new Dictionary<string, object?>(StringComparer.Ordinal));
            return model;
        }

        /// <summary>A page (<c>items</c>, <c>pageNum</c>, <c>pageCount</c>, <c>total</c>) of these models, as RbPage.FromWire reads one.</summary>
        [MethodImpl(RbJit.Optimized)]
        public RbPage<T> ReadPage(ref Utf8JsonReader reader, int requestedPage)
        {
            IReadOnlyList<T> items = Array.Empty<T>();
            int? pageNum = null, pageCount = null;
            long? total = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
            }
            else
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("items"u8)) { reader.Read(); items = WireReader.List(ref reader, readOne); }
                    else if (reader.ValueTextEquals("pageNum"u8)) { reader.Read(); pageNum = WireReader.Int(ref reader); }
                    else if (reader.ValueTextEquals("pageCount"u8)) { reader.Read(); pageCount = WireReader.Int(ref reader); }
                    else if (reader.ValueTextEquals("total"u8)) { reader.Read(); total = WireReader.Long(ref reader); }
                    else { reader.Read(); reader.Skip(); }
                }
            }
            return new RbPage<T>(items, pageNum ?? requestedPage, pageCount, total);
        }
    }
}
