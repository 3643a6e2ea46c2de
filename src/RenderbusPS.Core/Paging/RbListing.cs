namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// A listing that is still being streamed: open from its first page until its reader is disposed (for a cmdlet, until
    /// it has written its last item). Items it gave out point to it, so that a cmdlet further down the same pipeline can
    /// tell an item read moments ago from one kept in a variable since (whose status may be long out of date).
    /// </summary>
    public sealed class RbListing
    {
        private volatile bool open = true;

        /// <summary>True while the listing is being read and written.</summary>
        public bool IsOpen => open;

        internal void Close() => open = false;
    }
}
