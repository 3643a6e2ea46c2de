using System;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>The two path sets the service answers on. The header <c>version</c> names the set.</summary>
    public enum RbPathSet
    {
        /// <summary>Paths of the current Python SDK (header version 2.0.0).</summary>
        Current = 0,
        /// <summary>Paths of API protocol v4 (header version 1.0.0).</summary>
        V1 = 1,
    }

    /// <summary>
    /// What an operation changes that a list can filter on. A pager over a filtered list reads this to know that ids it
    /// already gave out may have left the list (so later pages moved up), see <see cref="Paging.RbChangeFeed"/>.
    /// </summary>
    [Flags]
    public enum RbEffect
    {
        /// <summary>Changes nothing a list filters on.</summary>
        None = 0,
        /// <summary>Changes the status of the tasks it names (and of their frames).</summary>
        TaskStatus = 1,
        /// <summary>Moves the tasks it names into or out of the live list (delete, submit).</summary>
        TaskListing = 2,
        /// <summary>Changes the status of frames.</summary>
        FrameStatus = 4,
    }

    /// <summary>What sending an operation a second time would do; the retry policy repeats by this class.</summary>
    public enum RbRepeat
    {
        /// <summary>Only reads: repeated after any transient failure.</summary>
        Read = 0,
        /// <summary>Sets a state: twice leaves the farm as once does, so it is repeated like a read.</summary>
        IdempotentWrite = 1,
        /// <summary>Acts again when sent again (creates, submits, bills): repeated only when the service provably did
        /// not act.</summary>
        NonIdempotentWrite = 2,
    }

    /// <summary>One operation of the Renderbus API, named once in <see cref="RbCatalog"/>.</summary>
    public sealed class RbOperation
    {
        internal RbOperation(string name, string area, string path, string? v1Path, RbRepeat repeat,
            int maxPageSize, string? idListField, int maxIds, RbEffect effects = RbEffect.None)
        {
            Effects = effects;
            Name = name;
            Area = area;
            Path = path;
            V1Path = v1Path;
            Repeat = repeat;
            MaxPageSize = maxPageSize;
            IdListField = idListField;
            MaxIds = maxIds;
        }

        /// <summary>Stable operation name (the last path segment of the current set, e.g.
        /// <c>getTaskList</c>).</summary>
        public string Name { get; }

        /// <summary>Area: Account, Submit, Tasks, Frames, Projects, Software, Transfer.</summary>
        public string Area { get; }

        /// <summary>Path in the current path set.</summary>
        public string Path { get; }

        /// <summary>Path in the v1 path set, or null when v1 has no such operation.</summary>
        public string? V1Path { get; }

        /// <summary>What sending it twice would do (the retry policy reads this).</summary>
        public RbRepeat Repeat { get; }

        /// <summary>True when the operation only reads.</summary>
        public bool IsRead => Repeat == RbRepeat.Read;

        /// <summary>True when the answer is a <c>pageNum/pageSize</c> page.</summary>
        public bool IsPaged => MaxPageSize > 0;

        /// <summary>Largest page size the service accepts; 0 when not paged.</summary>
        public int MaxPageSize { get; }

        /// <summary>Body field that carries a list of ids (batchable), or null.</summary>
        public string? IdListField { get; }

        /// <summary>Most ids one call may carry; 0 when the operation takes no id list.</summary>
        public int MaxIds { get; }

        /// <summary>What the operation changes that lists filter on (None for reads).</summary>
        public RbEffect Effects { get; }

        /// <summary>True when the operation takes an id list and may be batched.</summary>
        public bool IsBatchable => MaxIds > 0;

        /// <summary>The path for a path set, or null when that set lacks the operation.</summary>
        public string? PathFor(RbPathSet set) => set == RbPathSet.V1 ? V1Path : Path;

        /// <summary>The header <c>version</c> value for a path set.</summary>
        public static string VersionHeaderFor(RbPathSet set) => set == RbPathSet.V1 ? "1.0.0" : "2.0.0";

        public override string ToString() => Name + " " + Path;
    }
}
