using System.Runtime.CompilerServices;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// A listing that is still being streamed: open from its first page until its reader is disposed (for a cmdlet,
    /// until it has written its last item). It remembers the items it gave out (weakly, beside them: the items stay
    /// plain data), so that a cmdlet further down the same pipeline can tell an item read moments ago from one kept in
    /// a variable since, whose status may be long out of date.
    /// </summary>
    internal sealed class RbListing
    {
        private static readonly ConditionalWeakTable<object, RbListing> readBy = new ConditionalWeakTable<object, RbListing>();
        private volatile bool open = true;

        /// <summary>True while the listing is being read and written.</summary>
        public bool IsOpen => open;

        internal void Close() => open = false;

        /// <summary>Remembers that this listing gave out <paramref name="item"/>, an object it has just read.</summary>
        internal void Mark(object item) => readBy.Add(item, this);

        /// <summary>True when a listing that is still open gave out <paramref name="item"/>.</summary>
        internal static bool IsStreaming(object item) => readBy.TryGetValue(item, out var listing) && listing.IsOpen;
    }
}
