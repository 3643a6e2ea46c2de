using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// What the objects of one kind (one model) have looked like so far: the member names seen, in UTF-8 so a member is
    /// recognised without making a string of its name; which of them the model reads (each gets a slot); and which name
    /// followed which last time, so recognising a member usually costs one comparison. It learns as objects are read: a
    /// new, missing or reordered member, or a name the model reads for the first time, only costs a search. What it has
    /// learned makes reading faster, never different (<see cref="WireObject"/> falls back to looking a name up).
    /// Thread-safe: what it knows is replaced as a whole, never changed; the order hints are single ints that readers may
    /// race on, since a wrong hint is checked like any guess.
    /// </summary>
    internal sealed class WireShape
    {
        /// <summary>Names learned at most (objects with many distinct names, such as maps keyed by id, stop learning there).</summary>
        internal const int MaxNames = 256;

        /// <summary>Slots at most: names read beyond this are looked up each time.</summary>
        internal const int MaxSlots = 128;

        private readonly object gate = new object();
        private Known known = Known.Empty;

        /// <summary>
        /// Order hints: <c>next[i + 1]</c> is 1 + the index of the name that followed name <c>i</c> last time, <c>next[0]</c>
        /// the same for an object's first member, and the last entry the same after a member that could not be learned; 0 is no hint.
        /// </summary>
        private readonly int[] next = new int[MaxNames + 2];

        internal Known Current => Volatile.Read(ref known);

        /// <summary>The hint for the member after name <paramref name="previous"/> (-1: none before it; MaxNames: an unlearned one).</summary>
        private int HintAfter(int previous) => Volatile.Read(ref next[previous + 1]) - 1;

        private void SetHintAfter(int previous, int name) => Volatile.Write(ref next[previous + 1], (name < 0 ? MaxNames : name) + 1);

        /// <summary>Where a walk through one object's members stands: the names known to it and the last one it met.</summary>
        internal struct Walk
        {
            internal WireName[] Names;
            internal int Previous;
        }

        internal Walk StartWalk(Known known) => new Walk { Names = known.Names, Previous = -1 };

        /// <summary>The learned name of the member <paramref name="p"/> (learnt now when new); null when the shape is full.</summary>
        internal WireName? Match(ref Walk walk, JsonProperty p)
        {
            var index = HintAfter(walk.Previous);
            if ((uint)index >= (uint)walk.Names.Length || !p.NameEquals(walk.Names[index].Utf8))
            {
                index = -1;
                for (var i = 0; i < walk.Names.Length && index < 0; i++)
                {
                    if (p.NameEquals(walk.Names[i].Utf8)) index = i;
                }
                if (index < 0) index = Learn(ref walk, p.Name);
                SetHintAfter(walk.Previous, index);
            }
            return Step(ref walk, index);
        }

        /// <summary>The learned name of the member name the reader is on (learnt now when new); null when the shape is full.</summary>
        [MethodImpl(RbJit.Optimized)]
        internal WireName? Match(ref Walk walk, ref Utf8JsonReader reader)
        {
            var index = HintAfter(walk.Previous);
            if ((uint)index >= (uint)walk.Names.Length || !reader.ValueTextEquals(walk.Names[index].Utf8))
            {
                index = -1;
                for (var i = 0; i < walk.Names.Length && index < 0; i++)
                {
                    if (reader.ValueTextEquals(walk.Names[i].Utf8)) index = i;
                }
                if (index < 0) index = Learn(ref walk, reader.GetString()!);
                SetHintAfter(walk.Previous, index);
            }
            return Step(ref walk, index);
        }

        private int Learn(ref Walk walk, string name)
        {
            var learned = LearnName(name);
            if (learned == null) return -1;
            walk.Names = learned.Names;
            return learned.IndexOf(name);
        }

        private static WireName? Step(ref Walk walk, int index)
        {
            walk.Previous = index < 0 ? MaxNames : index;
            return index < 0 ? null : walk.Names[index];
        }

        /// <summary>Learns a member name the model does not read (yet); null when the shape is full.</summary>
        internal Known? LearnName(string name)
        {
            lock (gate)
            {
                var current = known;
                if (current.IndexOf(name) >= 0) return current;
                if (current.Names.Length >= MaxNames) return null;
                return Publish(current.With(new WireName(name, -1)));
            }
        }

        /// <summary>Gives a slot to a name the model reads, so later objects keep its value as they pass it.</summary>
        internal void LearnSlot(string name)
        {
            lock (gate)
            {
                var current = known;
                if (current.SlotOf.ContainsKey(name) || current.SlotNames.Length >= MaxSlots) return;
                var slot = current.SlotNames.Length;
                var index = current.IndexOf(name);
                if (index < 0 && current.Names.Length >= MaxNames) return;
                Publish(index < 0 ? current.With(new WireName(name, slot)) : current.WithSlot(index, name, slot));
            }
        }

        private Known Publish(Known next)
        {
            Volatile.Write(ref known, next);
            return next;
        }

        /// <summary>One learned member name.</summary>
        internal sealed class WireName
        {
            internal WireName(string text, int slot)
            {
                Text = text;
                Utf8 = Encoding.UTF8.GetBytes(text);
                Slot = slot;
                IsSecret = Signing.RbSecrets.IsSecretField(text);
            }

            private WireName(WireName name, string text, int slot)
            {
                Text = text;
                Utf8 = name.Utf8;
                IsSecret = name.IsSecret;
                Slot = slot;
            }

            internal string Text { get; }
            internal byte[] Utf8 { get; }
            /// <summary>The model's slot for it; -1 when the model does not read it (its value goes to Extra).</summary>
            internal int Slot { get; }
            internal bool IsSecret { get; }

            /// <summary>This name with a slot, spelt with the model's own string (the one its reads pass).</summary>
            internal WireName WithSlot(string text, int slot) => new WireName(this, text, slot);
        }

        /// <summary>What a shape knows at one moment; never changed once published.</summary>
        internal sealed class Known
        {
            internal static readonly Known Empty = new Known(Array.Empty<WireName>(), Array.Empty<string>());

            private Known(WireName[] names, string[] slotNames)
            {
                Names = names;
                SlotNames = slotNames;
                SlotOf = new Dictionary<string, int>(slotNames.Length, StringComparer.Ordinal);
                for (var i = 0; i < slotNames.Length; i++) SlotOf[slotNames[i]] = i;
                foreach (var n in names)
                {
                    if (n.Slot < 0) ExtraCount++;
                }
            }

            internal WireName[] Names { get; }
            /// <summary>Slot to name, in the order the model first read them (which is the order it reads them in).</summary>
            internal string[] SlotNames { get; }
            internal Dictionary<string, int> SlotOf { get; }
            /// <summary>Names seen that the model does not read: how big an object's Extra usually gets.</summary>
            internal int ExtraCount { get; }

            internal int IndexOf(string name)
            {
                for (var i = 0; i < Names.Length; i++)
                {
                    if (string.Equals(Names[i].Text, name, StringComparison.Ordinal)) return i;
                }
                return -1;
            }

            internal Known With(WireName name)
            {
                var names = new WireName[Names.Length + 1];
                Array.Copy(Names, names, Names.Length);
                names[Names.Length] = name;
                return new Known(names, name.Slot < 0 ? SlotNames : Append(SlotNames, name.Text));
            }

            internal Known WithSlot(int index, string text, int slot)
            {
                var names = (WireName[])Names.Clone();
                names[index] = names[index].WithSlot(text, slot);
                return new Known(names, Append(SlotNames, names[index].Text));
            }

            private static string[] Append(string[] items, string item)
            {
                var copy = new string[items.Length + 1];
                Array.Copy(items, copy, items.Length);
                copy[items.Length] = item;
                return copy;
            }
        }
    }

    /// <summary>The shape learned for the wire objects of one model type.</summary>
    internal static class WireShape<TModel>
    {
        internal static readonly WireShape Instance = new WireShape();
    }
}
