using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>The seeded account: tasks in every status, their frames, environments, projects and error codes, from
    /// one seed.</summary>
    internal sealed partial class EmuStore
    {
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
                task.PreStatus = cg == 2001 ? RbTaskStatus.Finished : (RbTaskStatus?)null;

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
                        for (var r = 0; r < rops; r++) children.Add(
                            ("GopRender", "/out/mantra" + (r + 1), rng.Next(4, 41), 5));
                        break;
                }

                if (children.Count == 0)
                {
                    task.TaskType = "Render";
                    AddFrames(task, status == RbTaskStatus.SubmitFailed ? 0 : rng.Next(4, 41), 5, rng, ref nextFrame);
                }
                foreach (var (type, layer, frames, frameType) in children)
                {
                    var child = NewTask(nextId++, task, status, scene, cg, times[i], rng);
                    child.TaskType = type;
                    child.LayerName = layer;
                    child.ProjectName = task.ProjectName;
                    child.Deleted = task.Deleted;
                    AddFrames(child, status == RbTaskStatus.SubmitFailed ? 0 : frames, frameType, rng, ref nextFrame);
                    // an ended task's passes each show how their own frames ended (a photon pass whose frame is done is
                    // finished)
                    if (status is RbTaskStatus.Finished or RbTaskStatus.FinishedWithFailedFrames or RbTaskStatus.TestFinished
                        or RbTaskStatus.Failed or RbTaskStatus.FinishedWithStoppedFrames) child.Status = EmuFarm.Derive(child.Frames, status);
                    task.Children.Add(child);
                }
                task.FramesRange = task.SelfAndDescendants().Select(x => x.FramesRange)
                    .FirstOrDefault(r => r.Length > 0) ?? "";
                Tasks.Add(task);
                foreach (var x in task.SelfAndDescendants())
                {
                    ById[x.Id] = x;
                    x.SimMs = nowMs;
                    // a waiting task gets nodes within half an hour, preprocessing ends within ten minutes
                    x.ReadyMs = nowMs + (
                        x.Status == RbTaskStatus.Preprocessing ? rng.Next(60, 600) : rng.Next(120, 1800)) * 1000L;
                    // a rendering task has work left; a frame that is rendering now started a little before now and
                    // ends a while from now
                    if (x.Status == RbTaskStatus.Rendering && x.Frames.Count > 0
                        && x.Frames.All(f => f.Status == RbFrameStatus.Finished)) x.Frames[x.Frames.Count - 1].Status = RbFrameStatus.Rendering;
                    foreach (var f in x.Frames.Where(f => f.Status == RbFrameStatus.Rendering))
                    {
                        f.StartMs = nowMs - rng.Next(10, 600) * 1000L;
                        f.EndMs = null;
                        f.PlannedMs = nowMs - f.StartMs.Value + rng.Next(30, 900) * 1000L;
                    }
                }
            }
        }

        private EmuTask NewTask(
            long id, EmuTask? parent, RbTaskStatus status, string scene, int cg, long submitMs, Random rng) =>
            new EmuTask
        {
            Id = id,
            Parent = parent,
            Alias = Platform.ToString(CultureInfo.InvariantCulture) + Prefix
                + id.ToString(CultureInfo.InvariantCulture),
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

        private static string Extension(int cg) =>
            cg switch { 2000 => ".mb", 2001 => ".max", 2004 => ".hip", _ => ".blend" };

        private static void AddFrames(EmuTask task, int count, int frameType, Random rng, ref long nextFrame)
        {
            if (count == 0) return;
            var start = rng.Next(0, 3) == 0 ? 1001 : 1;
            task.FramesRange = count == 1 ? start.ToString(CultureInfo.InvariantCulture)
                : $"{start}-{start + count - 1}[1]";
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
                if (f.Status == RbFrameStatus.Finished || f.Status == RbFrameStatus.Failed
                    || f.Status == RbFrameStatus.Rendering || f.Status == RbFrameStatus.TimedOut || (
                    f.Status == RbFrameStatus.Stopped && rng.Next(2) == 0))
                {
                    var seconds = rng.Next(60, 3600);
                    f.StartMs = clock;
                    if (f.Status != RbFrameStatus.Rendering && f.Status != RbFrameStatus.Stopped) f.EndMs = clock
                        + seconds * 1000L;
                    clock += rng.Next(5, 120) * 1000L;
                    if (f.Status == RbFrameStatus.Finished || f.Status == RbFrameStatus.Failed
                        || f.Status == RbFrameStatus.TimedOut)
                    {
                        var fee = Math.Round((decimal)seconds / 3600m * 1.2m, 2);
                        if (rng.Next(4) == 0) { f.Coupon = fee; } else { f.Fee = fee; }
                    }
                }
                task.Frames.Add(f);
            }
        }

        /// <summary>Frame statuses that fit a task status.</summary>
        private static RbFrameStatus[] FrameStatuses(RbTaskStatus taskStatus, int count, Random rng)
        {
            const RbFrameStatus Done = RbFrameStatus.Finished, Failed = RbFrameStatus.Failed,
                Stopped = RbFrameStatus.Stopped;
            var s = new RbFrameStatus[count];
            var done = rng.Next(0, count + 1);
            for (var i = 0; i < count; i++)
            {
                s[i] = taskStatus switch
                {
                    RbTaskStatus.Finished or RbTaskStatus.TestFinished => Done,
                    RbTaskStatus.Rendering => i < done ? Done : i < done + 3 ? RbFrameStatus.Rendering
                        : RbFrameStatus.Waiting,
                    RbTaskStatus.Stopped or RbTaskStatus.UserStopped or RbTaskStatus.ArrearsStopped or RbTaskStatus.Abandoned
                        or RbTaskStatus.FinishedWithStoppedFrames => i < done ? Done : Stopped,
                    RbTaskStatus.TimeoutStopped => i < done ? Done : i == done ? RbFrameStatus.TimedOut : Stopped,
                    RbTaskStatus.FinishedWithFailedFrames => i < Math.Max(1, count - 1 - rng.Next(0, 3)) ? Done
                        : Failed,
                    RbTaskStatus.Failed => i < done / 2 ? Done : Failed,
                    RbTaskStatus.Preprocessing => RbFrameStatus.WaitingForPreprocessing,
                    _ => RbFrameStatus.Waiting,
                };
            }
            if (taskStatus == RbTaskStatus.FinishedWithStoppedFrames && count > 1
                && s.All(x => x == Done)) s[count - 1] = Stopped;
            if (taskStatus == RbTaskStatus.FinishedWithStoppedFrames && !s.Contains(Stopped)) s[count - 1] = Stopped;
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

        /// <summary>The address the emulator's listener answers on (e.g. http://127.0.0.1:5123), for links it hands
        /// out.</summary>
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

        /// <summary>Two render tasks of <paramref name="frames"/> frames, submitted last: one finished with failed
        /// frames, one rendering.</summary>
        private void SeedLargeTasks(int frames, long nowMs)
        {
            var nextId = ById.Keys.DefaultIfEmpty(1_000_000 + (SeedValue % 1000) * 10_000L).Max() + 1;
            var nextFrame = Tasks.SelectMany(t => t.AllFrames()).Select(f => f.Id).DefaultIfEmpty(
                50_000_000 + (SeedValue % 1000) * 1_000_000L).Max() + 1;
            var rng = new Random(SeedValue ^ 0x5A5A);
            foreach (var (status, name) in new[]
                { (RbTaskStatus.FinishedWithFailedFrames, "bigshot_sh300_v001.blend"), (
                    RbTaskStatus.Rendering, "bigshot_sh310_v002.blend") })
            {
                var finished = status == RbTaskStatus.FinishedWithFailedFrames;
                var submit = nowMs - (finished ? 90 : 30) * 60_000L;
                var task = NewTask(nextId++, null, status, name, 2007, submit, rng);
                task.TaskType = "Render";
                task.ProjectName = "feature_ep01";
                task.FramesRange = $"1-{frames}[1]";
                var clock = submit + 60_000L;
                for (var i = 0; i < frames; i++)
                {
                    var f = new EmuFrame { Id = nextFrame++, TaskId = task.Id, FrameIndex = (i + 1)
                        .ToString(CultureInfo.InvariantCulture), Block = i + 1, Type = 5,
                        MunuTaskId = task.MunuTaskId };
                    f.Status = finished ? (i % 25 == 7 ? RbFrameStatus.Failed : RbFrameStatus.Finished)
                        : i < frames / 3 ? RbFrameStatus.Finished : i < frames / 3 + 10 ? RbFrameStatus.Rendering
                            : RbFrameStatus.Waiting;
                    if (f.Status == RbFrameStatus.Finished || f.Status == RbFrameStatus.Failed)
                    {
                        var seconds = rng.Next(60, 600);
                        f.StartMs = clock;
                        f.EndMs = clock + seconds * 1000L;
                        f.Fee = Math.Round(seconds / 3600m * EmuFarm.NodeHourPrice, 2);
                        clock += rng.Next(5, 60) * 1000L;
                    }
                    else if (f.Status == RbFrameStatus.Rendering)
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
        /// Projects: the account's own are the names its tasks are filed under; the main account has two of its own and
        /// a sibling sub-account one, so that project/list's flag 0, 1 and 2 answer three different lists.
        /// </summary>
        private void SeedProjects()
        {
            foreach (
                var name in Tasks.Select(t => t.ProjectName).Where(n => !string.IsNullOrEmpty(n))
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.Ordinal))
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
    
        /// <summary>Failed and submit-failed tasks carry the code the farm reported (their sub-tasks alike); the rest
        /// none.</summary>
        private void SeedErrorCodes()
        {
            foreach (var t in Tasks)
            {
                var codes = t.Status == RbTaskStatus.SubmitFailed ? EmuErrorCatalog.SubmitFailures
                    : t.Status == RbTaskStatus.Failed ? EmuErrorCatalog.RenderFailures : null;
                if (codes == null) continue;
                var code = codes[(int)(t.Id % codes.Length)];
                foreach (var x in t.SelfAndDescendants()) x.ErrorCode = code;
            }
        }

        /// <summary>The account's default task time-out in seconds (updateUserSetting); new tasks take it as their
        /// OverTimeSec.</summary>
        public int TaskOverTimeSec = 86400;
        /// <summary>The task operations requests performed, oldest first (taskRecord).</summary>
        public readonly List<EmuOperationRecord> OperationLog = new List<EmuOperationRecord>();
        /// <summary>The logins (successful queryUserProfile calls), oldest first (loginRecord).</summary>
        public readonly List<EmuLoginRecord> LoginLog = new List<EmuLoginRecord>();

        /// <summary>A new top-level task id: above every id the account has.</summary>
        public long NextTaskId() => ById.Count == 0 ? 1_000_000 : ById.Keys.Max() + 1;

        /// <summary>A new frame id: above every frame id the account has.</summary>
        public long NextFrameId() => Tasks.SelectMany(t => t.AllFrames()).Select(f => f.Id).DefaultIfEmpty(50_000_000)
            .Max() + 1;
    }
}
