using System;
using RenderbusPS.Core.Models;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RenderbusPS.Emulator.Store
{
    internal sealed class EmuPlatform
    {
        public int Platform;
        public string Name = "";
        public int Type;
        public int Status;
        public string Prefix = "W";
    }

    /// <summary>
    /// One in-memory account. Every read and change happens under <see cref="Sync"/>.
    /// The content is a function of the seed; times are laid back from <c>now</c>.
    /// </summary>
    internal sealed partial class EmuStore
    {
        public readonly object Sync = new object();
        public readonly List<EmuTask> Tasks = new List<EmuTask>();
        public readonly Dictionary<long, EmuTask> ById = new Dictionary<long, EmuTask>();
        public readonly List<EmuSoftware> Software = SoftwareCatalog.Build();
        public readonly List<EmuRenderEnv> RenderEnvs = new List<EmuRenderEnv>();
        /// <summary>The projects this account and its main account can see (see
        /// <see cref="EmuProject.Owner"/>).</summary>
        public readonly List<EmuProject> AccountProjects = new List<EmuProject>();
        /// <summary>The id the next new project gets.</summary>
        public long NextProjectId = 3671;
        public readonly List<EmuPlatform> Platforms = new List<EmuPlatform>
        {
            new EmuPlatform { Platform = 2, Name = "query_platform_w2", Type = 1, Status = 1, Prefix = "W" },
            new EmuPlatform { Platform = 6, Name = "query_platform_w6", Type = 1, Status = 2, Prefix = "W" },
            new EmuPlatform { Platform = 21, Name = "query_platform_gpu21", Type = 0, Status = 1, Prefix = "G" },
            new EmuPlatform { Platform = 62, Name = "query_platform_w62", Type = 2, Status = 3, Prefix = "W" },
        };

        public readonly long UserId;
        public readonly string UserName;
        public readonly int Platform;
        public readonly int Zone;
        /// <summary>True when a request naming the other zone answers 608 (see RbEmulatorOptions.StrictZone).</summary>
        public readonly bool StrictZone;
        public readonly int SeedValue;
        /// <summary>The farm's simulated clock; task and frame times follow it.</summary>
        public readonly EmuClock Clock;
        /// <summary>Render fees booked since the emulator started (they come off the balance).</summary>
        public decimal FeesSinceStart;
        /// <summary>The balance before <see cref="FeesSinceStart"/> came off (RbEmulator.Balance sets it).</summary>
        public decimal OpeningBalance;
        /// <summary>The account's balance now, in the zone's currency.</summary>
        public decimal Balance => OpeningBalance - FeesSinceStart;

        /// <summary>How far the service's clock is off the real one, in ms (RbEmulator.ClockSkew).</summary>
        public long ServiceClockSkewMs;
        /// <summary>The service's clock: what signatures are checked against and what serverTime says.</summary>
        public long ServiceNowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()
            + System.Threading.Interlocked.Read(ref ServiceClockSkewMs);
        /// <summary>The account's task labels by name (case-insensitive), each with the id <c>deleteTaskLabel</c>
        /// takes.</summary>
        public readonly Dictionary<string, long> LabelIds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        /// <summary>The id the next new label gets.</summary>
        public long NextLabelId = 21205;

        /// <summary>The id of the account's label of that name, made when it is new.</summary>
        public long LabelId(string name)
        {
            if (!LabelIds.TryGetValue(name, out var id))
            {
                id = NextLabelId;
                NextLabelId += 2;
                LabelIds[name] = id;
            }
            return id;
        }

        /// <summary>Brings the farm up to the clock: frames start and end, fees are booked, statuses follow.</summary>
        public long Tick()
        {
            var now = Clock.NowMs;
            // a clock that has not moved and an account nobody changed: nothing can have happened since the last tick
            if (now == lastTickMs && Version == lastTickVersion) return now;
            EmuFarm.Tick(this, now, lastTickMs, Version != lastTickVersion);
            lastTickMs = now;
            lastTickVersion = Version;
            return now;
        }

        /// <summary>After a change made by a request: every task is looked at again on the next tick (see
        /// <see cref="Version"/>).</summary>
        public void Touch() => Version++;

        /// <summary>
        /// The top-level tasks newest first (submit time, then id), the order getTaskList lists them in. Worked out
        /// again only after a change (a submit moves a task's submit time, a create adds tasks); the account's list is
        /// oldest first as a rule, so reversing it is usually the whole work.
        /// </summary>
        public EmuTask[] NewestFirst()
        {
            if (newestFirst != null && newestFirstVersion == Version
                && newestFirst.Length == Tasks.Count) return newestFirst;
            var order = new EmuTask[Tasks.Count];
            for (var i = 0; i < order.Length; i++) order[i] = Tasks[order.Length - 1 - i];
            for (var i = 1; i < order.Length; i++)
            {
                if (NewerFirst(order[i - 1], order[i]) > 0)
                {
                    Array.Sort(order, NewerFirst);
                    break;
                }
            }
            newestFirst = order;
            newestFirstVersion = Version;
            return order;
        }

        private static int NewerFirst(EmuTask a, EmuTask b)
        {
            var bySubmit = b.SubmitMs.CompareTo(a.SubmitMs);
            return bySubmit != 0 ? bySubmit : b.Id.CompareTo(a.Id);
        }

        private EmuTask[]? newestFirst;
        private long newestFirstVersion;

        /// <summary>
        /// The top-level tasks <paramref name="filter"/> matches, newest first. The last answer is kept while the
        /// account and (for a filter on status) the tasks' statuses stay as they were, so paging through a listing
        /// costs a page each. The list is the store's own: read it under <see cref="Sync"/> and do not keep it.
        /// </summary>
        public IReadOnlyList<EmuTask> Matching(EmuTaskFilter filter)
        {
            var statusChanges = filter.ByStatus ? FarmStatusChanges : 0;
            if (matchedFilter != null && matchedVersion == Version && matchedStatusChanges == statusChanges
                && matchedFilter.SameAs(filter)) return matched;
            matched.Clear();
            foreach (var task in NewestFirst())
            {
                if (filter.Matches(task)) matched.Add(task);
            }
            matchedFilter = filter;
            matchedVersion = Version;
            matchedStatusChanges = statusChanges;
            return matched;
        }

        private readonly List<EmuTask> matched = new List<EmuTask>();
        private EmuTaskFilter? matchedFilter;
        private long matchedVersion;
        private long matchedStatusChanges;

        /// <summary>Counts the times the farm changed a top-level task's status (requests' changes count in
        /// <see cref="Version"/>).</summary>
        public long FarmStatusChanges;

        /// <summary>Counts the changes requests made; a task whose cached next event predates the current count is
        /// looked at again.</summary>
        public long Version;
        private long lastTickMs = long.MinValue;
        private long lastTickVersion = -1;
        /// <summary>The top-level tasks the farm still works on, in the account's order (kept by
        /// <see cref="EmuFarm.Tick"/>).</summary>
        internal readonly List<EmuTask> Busy = new List<EmuTask>();
        /// <summary>For each of <see cref="Busy"/>, the farm time before which a tick has nothing to do for
        /// it.</summary>
        internal readonly List<long> BusyNext = new List<long>();
        /// <summary>Scratch list of the farm's tick (used under <see cref="Sync"/> only).</summary>
        internal readonly List<EmuFrame> FarmScratch = new List<EmuFrame>();

        // every task status, in the order the seeded account cycles through them
        private static readonly RbTaskStatus[] AllStatuses = (RbTaskStatus[])Enum.GetValues(typeof(RbTaskStatus));
        private static readonly string[] Words = { "forest", "city", "interior", "kitchen", "product", "robot",
            "ocean", "tunnel", "garden", "hero", "canyon", "lobby", "studio", "bridge" };
        private static readonly string[] Shots = { "sh010", "sh020", "sh030", "sh045", "sh100", "sh210" };
        private static readonly string[] Projects = { "", "commercial_2026", "feature_ep01", "archviz_q4", "lookdev" };
        private static readonly string[] Layers = { "masterLayer", "beauty", "shadow", "ao", "fx" };
        private static readonly int[] SceneSoftware = { 2000, 2001, 2004, 2007 };

        public EmuStore(RbEmulatorOptions options, DateTimeOffset now)
        {
            Platform = options.Platform;
            Zone = options.Zone;
            StrictZone = options.StrictZone;
            SeedValue = options.Seed;
            Clock = new EmuClock(now.ToUnixTimeMilliseconds(), options.Speed);
            OpeningBalance = Zone == 2 ? 800.00m : 5000.00m;
            UserId = 10001000 + Math.Abs(options.Seed % 1000);
            UserName = "rb_emulator_" + options.Seed.ToString(CultureInfo.InvariantCulture);
            if (!Platforms.Any(p => p.Platform == Platform))
                Platforms.Add(
                    new EmuPlatform { Platform = Platform, Name = "query_platform_w" + Platform, Type = 1,
                    Status = 1 });
            Seed(options.Seed, options.TaskCount, now.ToUnixTimeMilliseconds());
            if (options.LargeTaskFrames > 0) SeedLargeTasks(options.LargeTaskFrames, now.ToUnixTimeMilliseconds());
            SeedRenderEnvs();
            SeedErrorCodes();
            SeedProjects();
        }

        public string Prefix => Platforms.First(p => p.Platform == Platform).Prefix;

    }
}
