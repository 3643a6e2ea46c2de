using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// Reads one JSON object of the wire tolerantly (numbers sent as strings, nulls, missing fields) and keeps
    /// track of what was read, so the rest can go to a model's <c>Extra</c> and nothing the service sends is lost.
    /// <para>
    /// Made with <see cref="For{TModel}"/>, it walks the object once as it is made, guided by the model's
    /// <see cref="WireShape"/>: the values the model reads are kept in slots and members it does not read go straight to
    /// Extra, so reading a name costs no search and <see cref="Rest"/> no second walk. Made with the constructor alone
    /// (an object read once, for a few names), it looks each name up instead. Either way the values it gives and the
    /// Extra it builds are the same. Models keep no <see cref="JsonElement"/>: what they take from the object is copied
    /// out, so the document may be disposed once the model is made.
    /// </para>
    /// </summary>
    internal sealed class WireObject
    {
        private readonly JsonElement el;
        private readonly WireShape? shape;
        private readonly WireShape.Known? known;
        /// <summary>The values of the names the model reads, by slot (undefined: absent); back to the thread's spares after Rest.</summary>
        private JsonElement[]? slots;
        /// <summary>Slots this object has (the shape's when it was made; a spare array may be longer).</summary>
        private readonly int slotCount;
        /// <summary>Slots read so far (bit per slot; <see cref="WireShape.MaxSlots"/> is 128).</summary>
        private ulong readLow, readHigh;
        /// <summary>The slot the model is expected to read next (it reads in the same order each time).</summary>
        private int cursor;
        /// <summary>Members the model does not read, as plain values (shaped reading only).</summary>
        private Dictionary<string, object?>? extra;
        /// <summary>Names read without a slot of this object.</summary>
        private List<string>? looked;

        /// <summary>Reads names by looking each up (for an object read once, for a few names).</summary>
        public WireObject(JsonElement element)
        {
            el = element.ValueKind == JsonValueKind.Object ? element : default;
        }

        private WireObject(JsonElement element, WireShape shape) : this(element)
        {
            this.shape = shape;
            known = shape.Current;
            if (el.ValueKind != JsonValueKind.Object) return;
            slotCount = known.SlotNames.Length;
            slots = slotCount == 0 ? null : RentSlots(slotCount);
            Walk();
        }

        /// <summary>Reads an object of the model <typeparamref name="TModel"/> in one walk guided by what earlier ones looked like.</summary>
        public static WireObject For<TModel>(JsonElement element) => new WireObject(element, WireShape<TModel>.Instance);

        private void Walk()
        {
            var walk = shape!.StartWalk(known!);
            foreach (var p in el.EnumerateObject())
            {
                var name = shape.Match(ref walk, p);
                if (name != null && (uint)name.Slot < (uint)slotCount)
                {
                    slots![name.Slot] = p.Value;
                }
                else
                {
                    var text = name?.Text ?? p.Name;
                    extra ??= new Dictionary<string, object?>(Math.Max(known!.ExtraCount, 4), StringComparer.Ordinal);
                    extra[text] = Plain(text, name?.IsSecret ?? Signing.RbSecrets.IsSecretField(text), p.Value);
                }
            }
        }

        private bool TryGet(string name, out JsonElement value)
        {
            value = el.ValueKind == JsonValueKind.Object ? Find(name) : default;
            var kind = value.ValueKind;
            return kind != JsonValueKind.Undefined && kind != JsonValueKind.Null;
        }

        private JsonElement Find(string name)
        {
            if (slots != null)
            {
                var slotNames = known!.SlotNames;
                var slot = cursor < slotNames.Length && string.Equals(slotNames[cursor], name, StringComparison.Ordinal) ? cursor
                    : known.SlotOf.TryGetValue(name, out var s) ? s : -1;
                if ((uint)slot < (uint)slotCount)
                {
                    cursor = slot + 1;
                    if (slot < 64) readLow |= 1UL << slot;
                    else readHigh |= 1UL << (slot - 64);
                    return slots[slot];
                }
            }
            // a name this object has no slot for: look it up, and let later objects keep it in a slot
            shape?.LearnSlot(name);
            (looked ??= new List<string>()).Add(name);
            extra?.Remove(name);
            return el.TryGetProperty(name, out var v) ? v : default;
        }

        public string? Str(string name) => TryGet(name, out var v) ? AsStr(v) : null;

        public long? Long(string name) => TryGet(name, out var v) ? AsLong(v) : null;

        public int? Int(string name) => TryGet(name, out var v) ? AsInt(v) : null;

        public decimal? Dec(string name) => TryGet(name, out var v) ? AsDec(v) : null;

        /// <summary>Epoch milliseconds; 0 and absent are null.</summary>
        public DateTimeOffset? EpochMs(string name) => TryGet(name, out var v) ? AsEpochMs(v) : null;

        /// <summary>A 0/1 flag (or a JSON boolean).</summary>
        public bool Flag(string name) => TryGet(name, out var v) && AsFlag(v);

        // One value's reading, shared with WireBinder (which reads the same from a reader in WireReader): null or absent
        // (undefined) is null, a number may come as text, a value of the wrong kind reads as absent.

        internal static string? AsStr(JsonElement v)
        {
            var kind = v.ValueKind;
            if (kind == JsonValueKind.String) return v.GetString();
            return kind == JsonValueKind.Null || kind == JsonValueKind.Undefined ? null : v.GetRawText();
        }

        internal static long? AsLong(JsonElement v)
        {
            var kind = v.ValueKind;
            if (kind == JsonValueKind.Number)
            {
                if (v.TryGetInt64(out var l)) return l;
                if (v.TryGetDecimal(out var d)) return (long)d;
            }
            else if (kind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                return l;
            }
            return null;
        }

        internal static int? AsInt(JsonElement v)
        {
            var l = AsLong(v);
            return l.HasValue && l.Value >= int.MinValue && l.Value <= int.MaxValue ? (int)l.Value : (int?)null;
        }

        internal static decimal? AsDec(JsonElement v)
        {
            var kind = v.ValueKind;
            if (kind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
            if (kind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out d)) return d;
            return null;
        }

        internal static DateTimeOffset? AsEpochMs(JsonElement v)
        {
            var ms = AsLong(v);
            return ms.HasValue && ms.Value > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value) : (DateTimeOffset?)null;
        }

        internal static bool AsFlag(JsonElement v)
        {
            var kind = v.ValueKind;
            if (kind == JsonValueKind.True || kind == JsonValueKind.False) return v.GetBoolean();
            return AsLong(v) == 1;
        }

        /// <summary>The items of an array value, each read by <paramref name="map"/>; none when it is not an array.</summary>
        internal static IReadOnlyList<T> AsList<T>(JsonElement v, Func<JsonElement, T> map)
        {
            if (v.ValueKind != JsonValueKind.Array) return Array.Empty<T>();
            var items = new T[v.GetArrayLength()];
            var i = 0;
            foreach (var item in v.EnumerateArray()) items[i++] = map(item);
            return items;
        }

        /// <summary>A bare JSON number (or number text) as an int; 0 when it is neither.</summary>
        public static int IntOf(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
            if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out i)) return i;
            return 0;
        }

        /// <summary>The member as it came (marked read), or an undefined element when absent or null.</summary>
        public JsonElement Raw(string name) => TryGet(name, out var v) ? v : default;

        public IReadOnlyList<T> List<T>(string name, Func<JsonElement, T> map) => TryGet(name, out var v) ? AsList(v, map) : Array.Empty<T>();

        /// <summary>Every member not read so far, as plain .NET values (call it once, after the reads).</summary>
        public IDictionary<string, object?> Rest()
        {
            var rest = extra ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            extra = null;
            if (el.ValueKind != JsonValueKind.Object) return rest;
            if (shape == null)
            {
                foreach (var p in el.EnumerateObject())
                {
                    if (looked == null || !looked.Contains(p.Name)) rest[p.Name] = Plain(p.Name, Signing.RbSecrets.IsSecretField(p.Name), p.Value);
                }
                return rest;
            }
            if (slots != null)
            {
                // members that have a slot but that this object's reads passed by
                for (var slot = 0; slot < slotCount; slot++)
                {
                    var read = slot < 64 ? (readLow & (1UL << slot)) != 0 : (readHigh & (1UL << (slot - 64))) != 0;
                    if (read || slots[slot].ValueKind == JsonValueKind.Undefined) continue;
                    var text = known!.SlotNames[slot];
                    rest[text] = Plain(text, Signing.RbSecrets.IsSecretField(text), slots[slot]);
                }
                // reads after this (there are none in the models) look names up
                ReturnSlots(slots);
                slots = null;
            }
            return rest;
        }

        /// <summary>Slot arrays of finished objects, for the next ones read on this thread (a task and its sub-tasks are read nested).</summary>
        [ThreadStatic] private static JsonElement[]?[]? spareSlots;

        private static JsonElement[] RentSlots(int length)
        {
            var spares = spareSlots;
            if (spares != null)
            {
                for (var i = 0; i < spares.Length; i++)
                {
                    var candidate = spares[i];
                    if (candidate == null || candidate.Length < length) continue;
                    spares[i] = null;
                    return candidate;
                }
            }
            return new JsonElement[Math.Max(length, 8)];
        }

        private static void ReturnSlots(JsonElement[] slots)
        {
            // cleared, so a spare holds no document
            Array.Clear(slots, 0, slots.Length);
            var spares = spareSlots ??= new JsonElement[]?[8];
            for (var i = 0; i < spares.Length; i++)
            {
                if (spares[i] != null) continue;
                spares[i] = slots;
                return;
            }
        }

        /// <summary>A member's value for Extra: a field the model does not name may still be a secret, kept but never as plain text.</summary>
        internal static object? Plain(string name, bool secret, JsonElement value)
            => secret && value.ValueKind == JsonValueKind.String ? Signing.RbCredential.ToSecureString(value.GetString()!) : ToPlain(value);

        /// <summary>A JSON value as string, long, decimal, bool, null, object[] or a dictionary.</summary>
        public static object? ToPlain(JsonElement v)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String: return v.GetString();
                case JsonValueKind.Number:
                    if (v.TryGetInt64(out var l)) return l;
                    if (v.TryGetDecimal(out var d)) return d;
                    return v.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array:
                    var items = new object?[v.GetArrayLength()];
                    var i = 0;
                    foreach (var item in v.EnumerateArray()) items[i++] = ToPlain(item);
                    return items;
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var p in v.EnumerateObject()) map[p.Name] = ToPlain(p.Value);
                    return map;
                default: return null;
            }
        }
    }
}
