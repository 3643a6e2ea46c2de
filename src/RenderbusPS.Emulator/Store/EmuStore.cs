using System;
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
    internal sealed class EmuStore
    {
        public readonly object Sync = new object();
        public readonly List<EmuTask> Tasks = new List<EmuTask>();
        public readonly Dictionary<long, EmuTask> ById = new Dictionary<long, EmuTask>();
        public readonly List<EmuSoftware> Software = SoftwareCatalog.Build();
        public readonly List<EmuRenderEnv> RenderEnvs = new List<EmuRenderEnv>();
        /// <summary>The projects this account and its main account can see (see <see cref="EmuProject.Owner"/>).</summary>
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
        /// <summary>The account's task labels by name (case-insensitive), each with the id <c>deleteTaskLabel</c> takes.</summary>
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

        /// <summary>After a change made by a request: every task is looked at again on the next tick (see <see cref="Version"/>).</summary>
        public void Touch() => Version++;

        /// <summary>
        /// The top-level tasks newest first (submit time, then id), the order getTaskList lists them in. Worked out again only
        /// after a change (a submit moves a task's submit time, a create adds tasks); the account's list is oldest first as a
        /// rule, so reversing it is usually the whole work.
        /// </summary>
        public EmuTask[] NewestFirst()
        {
            if (newestFirst != null && newestFirstVersion == Version && newestFirst.Length == Tasks.Count) return newestFirst;
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
        /// The top-level tasks <paramref name="filter"/> matches, newest first. The last answer is kept while the account
        /// and (for a filter on status) the tasks' statuses stay as they were, so paging through a listing costs a page each.
        /// The list is the store's own: read it under <see cref="Sync"/> and do not keep it.
        /// </summary>
        public IReadOnlyList<EmuTask> Matching(EmuTaskFilter filter)
        {
            var statusChanges = filter.ByStatus ? FarmStatusChanges : 0;
            if (matchedFilter != null && matchedVersion == Version && matchedStatusChanges == statusChanges && matchedFilter.SameAs(filter)) return matched;
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

        /// <summary>Counts the times the farm changed a top-level task's status (requests' changes count in <see cref="Version"/>).</summary>
        public long FarmStatusChanges;

        /// <summary>Counts the changes requests made; a task whose cached next event predates the current count is looked at again.</summary>
        public long Version;
        private long lastTickMs = long.MinValue;
        private long lastTickVersion = -1;
        /// <summary>The top-level tasks the farm still works on, in the account's order (kept by <see cref="EmuFarm.Tick"/>).</summary>
        internal readonly List<EmuTask> Busy = new List<EmuTask>();
        /// <summary>For each of <see cref="Busy"/>, the farm time before which a tick has nothing to do for it.</summary>
        internal readonly List<long> BusyNext = new List<long>();
        /// <summary>Scratch list of the farm's tick (used under <see cref="Sync"/> only).</summary>
        internal readonly List<EmuFrame> FarmScratch = new List<EmuFrame>();

        private static readonly int[] AllStatuses = { 0, 5, 8, 10, 15, 20, 23, 25, 30, 35, 40, 45, 50, 60, 65, 70, 100 };
        private static readonly string[] Words = { "forest", "city", "interior", "kitchen", "product", "robot", "ocean", "tunnel", "garden", "hero", "canyon", "lobby", "studio", "bridge" };
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
            UserId = 10001000 + Math.Abs(options.Seed % 1000);
            UserName = "rb_emulator_" + options.Seed.ToString(CultureInfo.InvariantCulture);
            if (!Platforms.Any(p => p.Platform == Platform))
                Platforms.Add(new EmuPlatform { Platform = Platform, Name = "query_platform_w" + Platform, Type = 1, Status = 1 });
            Seed(options.Seed, options.TaskCount, now.ToUnixTimeMilliseconds());
            if (options.LargeTaskFrames > 0) SeedLargeTasks(options.LargeTaskFrames, now.ToUnixTimeMilliseconds());
            SeedRenderEnvs();
            SeedErrorCodes();
            SeedProjects();
        }

        public string Prefix => Platforms.First(p => p.Platform == Platform).Prefix;

        private void Seed(int seed, int count, long nowMs)
        {
            var rng = new Random(seed);
            // Submit times first, newest last, 5 to 300 minutes apart; ids then grow with time as on the farm.
            var times = new long[count];
            var t = nowMs - 2 * 60_000;
            for (var i = count - 1; i >= 0; i--)
            {
                times[i] = t;
                t -= rng.Next(5, 300) * 60_000L;
            }
            long nextId = 1_000_000 + (seed % 1000) * 10_000L;
            long nextFrame = 50_000_000 + (seed % 1000) * 1_000_000L;
            for (var i = 0; i < count; i++)
            {
                var cg = SceneSoftware[rng.Next(SceneSoftware.Length)];
                var status = AllStatuses[(i + seed) % AllStatuses.Length];
                var scene = $"{Words[rng.Next(Words.Length)]}_{Shots[rng.Next(Shots.Length)]}_v{rng.Next(1, 13):000}{Extension(cg)}";
                var task = NewTask(nextId++, null, status, scene, cg, times[i], rng);
                task.ProjectName = Projects[rng.Next(Projects.Length)];
                task.Deleted = i % 23 == 5;
                task.PreStatus = cg == 2001 ? 25 : (int?)null;

                var children = new List<(string type, string? layer, int frames, int frameType)>();
                switch (cg)
                {
                    case 2000:
                        var layerCount = rng.Next(1, 4);
                        for (var l = 0; l < layerCount; l++) children.Add(("Render", Layers[l], rng.Next(4, 41), 5));
                        break;
                    case 2001:
                        children.Add(("RenderPhoton", null, 1, 2));
                        children.Add(("Render", null, rng.Next(4, 41), 5));
                        break;
                    case 2004:
                        var rops = rng.Next(1, 3);
                        for (var r = 0; r < rops; r++) children.Add(("GopRender", "/out/mantra" + (r + 1), rng.Next(4, 41), 5));
                        break;
                }

                if (children.Count == 0)
                {
                    task.TaskType = "Render";
                    AddFrames(task, status == 65 ? 0 : rng.Next(4, 41), 5, rng, ref nextFrame);
                }
                foreach (var (type, layer, frames, frameType) in children)
                {
                    var child = NewTask(nextId++, task, status, scene, cg, times[i], rng);
                    child.TaskType = type;
                    child.LayerName = layer;
                    child.ProjectName = task.ProjectName;
                    child.Deleted = task.Deleted;
                    AddFrames(child, status == 65 ? 0 : frames, frameType, rng, ref nextFrame);
                    // an ended task's passes each show how their own frames ended (a photon pass whose frame is done is finished)
                    if (status == 25 || status == 30 || status == 40 || status == 45 || status == 70) child.Status = EmuFarm.Derive(child.Frames, status);
                    task.Children.Add(child);
                }
                task.FramesRange = task.SelfAndDescendants().Select(x => x.FramesRange).FirstOrDefault(r => r.Length > 0) ?? "";
                Tasks.Add(task);
                foreach (var x in task.SelfAndDescendants())
                {
                    ById[x.Id] = x;
                    x.SimMs = nowMs;
                    // a waiting task gets nodes within half an hour, preprocessing ends within ten minutes
                    x.ReadyMs = nowMs + (x.Status == 8 ? rng.Next(60, 600) : rng.Next(120, 1800)) * 1000L;
                    // a rendering task has work left; a frame that is rendering now started a little before now and ends a while from now
                    if (x.Status == 5 && x.Frames.Count > 0 && x.Frames.All(f => f.Status == 4)) x.Frames[x.Frames.Count - 1].Status = 2;
                    foreach (var f in x.Frames.Where(f => f.Status == 2))
                    {
                        f.StartMs = nowMs - rng.Next(10, 600) * 1000L;
                        f.EndMs = null;
                        f.PlannedMs = nowMs - f.StartMs.Value + rng.Next(30, 900) * 1000L;
                    }
                }
            }
        }

        private EmuTask NewTask(long id, EmuTask? parent, int status, string scene, int cg, long submitMs, Random rng) => new EmuTask
        {
            Id = id,
            Parent = parent,
            Alias = Platform.ToString(CultureInfo.InvariantCulture) + Prefix + id.ToString(CultureInfo.InvariantCulture),
            Status = status,
            SceneName = scene,
            CgId = cg,
            Camera = cg == 2001 ? "VRayCam00" + rng.Next(1, 4) : "renderCam",
            SubmitMs = submitMs,
            UserName = UserName,
            UserId = UserId,
            Producer = rng.Next(3) == 0 ? "artist" + rng.Next(1, 6) : null,
            TaskLevel = 60 + rng.Next(0, 25),
            UserLevel = 50,
            TaskLimit = rng.Next(2) == 0 ? 200 : (int?)null,
            Ram = rng.Next(3) == 0 ? 64 : (int?)null,
            MunuTaskId = "2026" + id.ToString(CultureInfo.InvariantCulture),
        };

        private static string Extension(int cg) => cg switch { 2000 => ".mb", 2001 => ".max", 2004 => ".hip", _ => ".blend" };

        private static void AddFrames(EmuTask task, int count, int frameType, Random rng, ref long nextFrame)
        {
            if (count == 0) return;
            var start = rng.Next(0, 3) == 0 ? 1001 : 1;
            task.FramesRange = count == 1 ? start.ToString(CultureInfo.InvariantCulture) : $"{start}-{start + count - 1}[1]";
            var statuses = FrameStatuses(task.Status, count, rng);
            var clock = task.SubmitMs + rng.Next(60, 900) * 1000L;
            for (var i = 0; i < count; i++)
            {
                var f = new EmuFrame
                {
                    Id = nextFrame++,
                    TaskId = task.Id,
                    FrameIndex = frameType == 2 ? "photon" : (start + i).ToString(CultureInfo.InvariantCulture),
                    Block = i + 1,
                    Status = statuses[i],
                    Type = frameType,
                    MunuTaskId = task.MunuTaskId,
                    Ram = task.Ram,
                };
                if (f.Status == 4 || f.Status == 5 || f.Status == 2 || f.Status == 11 || (f.Status == 3 && rng.Next(2) == 0))
                {
                    var seconds = rng.Next(60, 3600);
                    f.StartMs = clock;
                    if (f.Status != 2 && f.Status != 3) f.EndMs = clock + seconds * 1000L;
                    clock += rng.Next(5, 120) * 1000L;
                    if (f.Status == 4 || f.Status == 5 || f.Status == 11)
                    {
                        var fee = Math.Round((decimal)seconds / 3600m * 1.2m, 2);
                        if (rng.Next(4) == 0) { f.Coupon = fee; } else { f.Fee = fee; }
                    }
                }
                task.Frames.Add(f);
            }
        }

        /// <summary>Frame statuses that fit a task status.</summary>
        private static int[] FrameStatuses(int taskStatus, int count, Random rng)
        {
            var s = new int[count];
            var done = rng.Next(0, count + 1);
            for (var i = 0; i < count; i++)
            {
                s[i] = taskStatus switch
                {
                    25 or 40 => 4,
                    5 => i < done ? 4 : i < done + 3 ? 2 : 1,
                    10 or 15 or 20 or 35 or 70 => i < done ? 4 : 3,
                    23 => i < done ? 4 : i == done ? 11 : 3,
                    30 => i < Math.Max(1, count - 1 - rng.Next(0, 3)) ? 4 : 5,
                    45 => i < done / 2 ? 4 : 5,
                    8 => 6,
                    _ => 1,
                };
            }
            if (taskStatus == 70 && count > 1 && s.All(x => x == 4)) s[count - 1] = 3;
            if (taskStatus == 70 && !s.Contains(3)) s[count - 1] = 3;
            return s;
        }

        private void SeedRenderEnvs()
        {
            EmuRenderEnv Env(int cgId, string version, string name, int os, bool isDefault, params string[] plugins)
            {
                var sw = Software.First(s => s.CgId == cgId);
                var v = sw.Versions.First(x => x.Version == version);
                return new EmuRenderEnv
                {
                    CgId = cgId, CgName = sw.Name, CgVersion = version, EditName = name, Os = os, IsDefault = isDefault,
                    Plugins = plugins.Select(p => v.Plugins.First(x => x.Version == p)).ToList(),
                };
            }
            RenderEnvs.Add(Env(2000, "2022", "maya2022-arnold", 1, true, "mtoa 5.3.0"));
            RenderEnvs.Add(Env(2001, "2023", "max2023-vray6", 1, true, "vray 6.10.08", "forestpack 8.1.0"));
            RenderEnvs.Add(Env(2004, "19.5", "houdini-linux", 0, true, "redshift 3.5.16"));
        }

        /// <summary>The address the emulator's listener answers on (e.g. http://127.0.0.1:5123), for links it hands out.</summary>
        public string? BaseUrl;

        /// <summary>A frame by id with its leaf task (deleted tasks included), or null.</summary>
        public (EmuFrame Frame, EmuTask Task)? FindFrame(long frameId)
        {
            foreach (var top in Tasks)
            foreach (var t in top.SelfAndDescendants())
            foreach (var f in t.Frames)
            {
                if (f.Id == frameId) return (f, t);
            }
            return null;
        }

        /// <summary>Two render tasks of <paramref name="frames"/> frames, submitted last: one finished with failed frames, one rendering.</summary>
        private void SeedLargeTasks(int frames, long nowMs)
        {
            var nextId = ById.Keys.DefaultIfEmpty(1_000_000 + (SeedValue % 1000) * 10_000L).Max() + 1;
            var nextFrame = Tasks.SelectMany(t => t.AllFrames()).Select(f => f.Id).DefaultIfEmpty(50_000_000 + (SeedValue % 1000) * 1_000_000L).Max() + 1;
            var rng = new Random(SeedValue ^ 0x5A5A);
            foreach (var (status, name) in new[] { (30, "bigshot_sh300_v001.blend"), (5, "bigshot_sh310_v002.blend") })
            {
                var submit = nowMs - (status == 30 ? 90 : 30) * 60_000L;
                var task = NewTask(nextId++, null, status, name, 2007, submit, rng);
                task.TaskType = "Render";
                task.ProjectName = "feature_ep01";
                task.FramesRange = $"1-{frames}[1]";
                var clock = submit + 60_000L;
                for (var i = 0; i < frames; i++)
                {
                    var f = new EmuFrame { Id = nextFrame++, TaskId = task.Id, FrameIndex = (i + 1).ToString(CultureInfo.InvariantCulture), Block = i + 1, Type = 5, MunuTaskId = task.MunuTaskId };
                    f.Status = status == 30 ? (i % 25 == 7 ? 5 : 4) : (i < frames / 3 ? 4 : i < frames / 3 + 10 ? 2 : 1);
                    if (f.Status == 4 || f.Status == 5)
                    {
                        var seconds = rng.Next(60, 600);
                        f.StartMs = clock;
                        f.EndMs = clock + seconds * 1000L;
                        f.Fee = Math.Round(seconds / 3600m * EmuFarm.NodeHourPrice, 2);
                        clock += rng.Next(5, 60) * 1000L;
                    }
                    else if (f.Status == 2)
                    {
                        f.StartMs = nowMs - rng.Next(10, 300) * 1000L;
                        f.PlannedMs = nowMs - f.StartMs.Value + rng.Next(60, 900) * 1000L;
                    }
                    task.Frames.Add(f);
                }
                task.SimMs = nowMs;
                task.ReadyMs = nowMs;
                Tasks.Add(task);
                ById[task.Id] = task;
            }
        }

        /// <summary>
        /// Projects: the account's own are the names its tasks are filed under; the main account has two of its own and a
        /// sibling sub-account one, so that project/list's flag 0, 1 and 2 answer three different lists.
        /// </summary>
        private void SeedProjects()
        {
            foreach (var name in Tasks.Select(t => t.ProjectName).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.Ordinal))
                AddProject(name!, EmuProjectOwner.Own);
            AddProject("studio_library", EmuProjectOwner.Main);
            AddProject("studio_rnd", EmuProjectOwner.Main);
            AddProject("sibling_commercial", EmuProjectOwner.Sibling);
        }

        public EmuProject AddProject(string name, EmuProjectOwner owner)
        {
            var p = new EmuProject { Id = NextProjectId++, Name = name, Owner = owner };
            AccountProjects.Add(p);
            return p;
        }

        public EmuSoftware? FindSoftware(int cgId) => Software.FirstOrDefault(s => s.CgId == cgId);
    
        /// <summary>Failed and submit-failed tasks carry the code the farm reported (their sub-tasks alike); the rest none.</summary>
        private void SeedErrorCodes()
        {
            foreach (var t in Tasks)
            {
                var codes = t.Status == 65 ? EmuErrorCatalog.SubmitFailures : t.Status == 45 ? EmuErrorCatalog.RenderFailures : null;
                if (codes == null) continue;
                var code = codes[(int)(t.Id % codes.Length)];
                foreach (var x in t.SelfAndDescendants()) x.ErrorCode = code;
            }
        }

        /// <summary>The account's default task time-out in seconds (updateUserSetting); new tasks take it as their OverTimeSec.</summary>
        public int TaskOverTimeSec = 86400;
        /// <summary>The task operations requests performed, oldest first (taskRecord).</summary>
        public readonly List<EmuOperationRecord> OperationLog = new List<EmuOperationRecord>();
        /// <summary>The logins (successful queryUserProfile calls), oldest first (loginRecord).</summary>
        public readonly List<EmuLoginRecord> LoginLog = new List<EmuLoginRecord>();

        /// <summary>A new top-level task id: above every id the account has.</summary>
        public long NextTaskId() => ById.Count == 0 ? 1_000_000 : ById.Keys.Max() + 1;

        /// <summary>A new frame id: above every frame id the account has.</summary>
        public long NextFrameId() => Tasks.SelectMany(t => t.AllFrames()).Select(f => f.Id).DefaultIfEmpty(50_000_000).Max() + 1;
    }
}
