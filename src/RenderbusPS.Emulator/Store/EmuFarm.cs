using System;
using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>
    /// Renders the account's tasks as the simulated clock runs. Each leaf task (a task with frames: a sub-task, or a
    /// top-level task without sub-tasks) renders on its own nodes, at most its machine limit at once (10 by default, 100 at
    /// full speed). Time is walked event by event, so a jump of the clock gives the same history as many small steps:
    /// a queued task starts when its queue time is up, a waiting frame starts on the first free node, a rendering frame
    /// ends after its planned time (a few, chosen by the seed, fail), a frame over the task's time-out stops the task,
    /// the fee of a frame is booked when it ends, and every task's status follows its frames. A sub-task that is not the
    /// photon pass waits for its photon sibling to finish. Everything runs under the store's lock, before each request.
    /// </summary>
    internal static class EmuFarm
    {
        public const int DefaultNodes = 10;
        public const int FullSpeedNodes = 100;
        /// <summary>Price of one node-hour, as the seeded history charges it.</summary>
        public const decimal NodeHourPrice = 1.2m;

        private static readonly int[] Active = { 0, 5, 8, 50 };

        public static bool IsActive(int status) => Array.IndexOf(Active, status) >= 0;

        private static readonly int[] WaitingFrames = { 1, 6, 7, 8, 9, 10, 12 };

        /// <summary>A frame status that waits for a node (or for preprocessing, 6, or another pass).</summary>
        public static bool Waiting(int frameStatus) => Array.IndexOf(WaitingFrames, frameStatus) >= 0;

        /// <summary>Brings every task up to <paramref name="nowMs"/>.</summary>
        public static void Tick(EmuStore store, long nowMs)
        {
            foreach (var task in store.Tasks) AdvanceTask(store, task, nowMs);
        }

        private static void AdvanceTask(EmuStore store, EmuTask task, long now)
        {
            // the recycle bin does not render
            if (task.Deleted) return;
            if (task.Children.Count == 0)
            {
                AdvanceLeaf(store, task, now, long.MinValue);
                return;
            }
            var wasActive = IsActive(task.Status);
            long photonDone = long.MinValue;
            foreach (var photon in task.Children.Where(c => c.TaskType == "RenderPhoton"))
            {
                AdvanceLeaf(store, photon, now, long.MinValue);
                // the main frames go once the photon pass has ended (even with a failed frame); while it renders or is stopped, they wait
                var ended = photon.Status == 25 || photon.Status == 30 || photon.Status == 40 || photon.Status == 45 || photon.Status == 70;
                photonDone = Math.Max(photonDone, ended ? photon.AllFrames().Select(f => f.EndMs ?? 0).DefaultIfEmpty(0).Max() : long.MaxValue);
            }
            foreach (var child in task.Children.Where(c => c.TaskType != "RenderPhoton"))
                AdvanceLeaf(store, child, now, photonDone);
            if (wasActive || task.Children.Any(c => IsActive(c.Status))) task.Status = ParentStatus(task);
        }

        /// <summary>
        /// Advances one leaf to <paramref name="now"/>. Frames may not start before <paramref name="gate"/> (long.MaxValue: not
        /// yet known, the photon pass is still going).
        /// </summary>
        private static void AdvanceLeaf(EmuStore store, EmuTask leaf, long now, long gate)
        {
            if (!IsActive(leaf.Status))
            {
                Idle(store, leaf, now);
                return;
            }
            if (now < leaf.NextEventMs && leaf.SeenVersion == store.Version) return;
            leaf.SeenVersion = store.Version;
            var t = Math.Max(leaf.SimMs, 0);
            if (leaf.Status != 5)
            {
                if (leaf.ReadyMs > now)
                {
                    leaf.NextEventMs = leaf.ReadyMs;
                    return;
                }
                t = Math.Max(t, leaf.ReadyMs);
                foreach (var f in leaf.Frames.Where(f => f.Status == 6)) f.Status = 1;
                leaf.Status = 0;
            }
            if (gate == long.MaxValue || gate > now)
            {
                leaf.SimMs = now;
                leaf.NextEventMs = gate == long.MaxValue ? long.MinValue : gate;
                leaf.Status = Derive(leaf.Frames, leaf.Status);
                return;
            }
            t = Math.Max(t, gate);
            var limit = leaf.FullSpeed ? FullSpeedNodes : Math.Max(1, Math.Min(leaf.TaskLimit ?? DefaultNodes, FullSpeedNodes));
            var overMs = leaf.OverTimeSec > 0 ? leaf.OverTimeSec * 1000L : long.MaxValue;
            while (true)
            {
                var rendering = leaf.Frames.Where(f => f.Status == 2).ToList();
                foreach (var f in leaf.Frames.Where(f => Waiting(f.Status) && f.Status != 6).Take(Math.Max(0, limit - rendering.Count)).ToList())
                {
                    f.Status = 2;
                    f.StartMs = t;
                    f.EndMs = null;
                    f.PlannedMs = PlanMs(store, f);
                    rendering.Add(f);
                }
                if (rendering.Count == 0) break;
                var next = rendering.OrderBy(f => f.StartMs!.Value + Math.Min(f.PlannedMs, overMs)).ThenBy(f => f.Id).First();
                var end = next.StartMs!.Value + Math.Min(next.PlannedMs, overMs);
                if (end > now)
                {
                    leaf.NextEventMs = end;
                    break;
                }
                t = end;
                if (next.PlannedMs > overMs)
                {
                    // the frame ran past the task's time-out: the task stops, its other running frames with it
                    End(store, next, end, 11);
                    foreach (var f in rendering.Where(f => f != next)) End(store, f, end, 3);
                    leaf.Status = 23;
                    Idle(store, leaf, now);
                    return;
                }
                End(store, next, end, Fails(store, next) ? 5 : 4);
            }
            leaf.SimMs = now;
            leaf.Status = Derive(leaf.Frames, leaf.Status);
            if (!IsActive(leaf.Status))
            {
                leaf.NextEventMs = long.MinValue;
                Idle(store, leaf, now);
            }
        }

        /// <summary>
        /// An idle task's clock keeps up, and if it is started again it queues from then. Set the moment it goes idle as well
        /// as on every tick that finds it idle, because a tick is skipped while the clock and the account stand still.
        /// </summary>
        private static void Idle(EmuStore store, EmuTask leaf, long now)
        {
            leaf.SimMs = now;
            leaf.ReadyMs = now + QueueMs(store, leaf);
        }

        /// <summary>
        /// Stops a frame at <paramref name="now"/> (stopTask, abandonTask, stopTaskFrames alike): a rendering frame ends there
        /// and is billed for the time it ran; a waiting one just stops.
        /// </summary>
        internal static void Stop(EmuStore store, EmuFrame f, long now)
        {
            if (f.Status == 2 && f.StartMs.HasValue) End(store, f, Math.Max(now, f.StartMs.Value), 3);
            else f.Status = 3;
        }

        /// <summary>Puts a frame back in the queue for another run: times cleared, resubmitted once more.</summary>
        internal static void Requeue(EmuFrame f)
        {
            f.Status = 1;
            f.StartMs = null;
            f.EndMs = null;
            f.PlannedMs = 0;
            f.Recommit++;
        }

        internal static void End(EmuStore store, EmuFrame f, long at, int status)
        {
            f.Status = status;
            f.EndMs = at;
            var seconds = Math.Max(1, (at - f.StartMs!.Value) / 1000);
            var fee = Math.Round(seconds / 3600m * NodeHourPrice, 2);
            // one frame in four is paid by coupon; the rest comes off the balance
            if (Mix(store.SeedValue, f.Id, f.Recommit, 3) % 4 == 0)
            {
                f.Coupon += fee;
                return;
            }
            f.Fee += fee;
            store.FeesSinceStart += fee;
        }

        /// <summary>The status a leaf's frames give it while it is in the farm's hands.</summary>
        internal static int Derive(IReadOnlyCollection<EmuFrame> frames, int current)
        {
            if (frames.Count == 0) return current;
            if (frames.Any(f => f.Status == 2)) return 5;
            if (frames.Any(f => Waiting(f.Status)))
                return current == 8 || current == 50 ? current : 0;
            var failed = frames.Count(f => f.Status == 5 || f.Status == 11);
            var done = frames.Count(f => f.Status == 4);
            if (failed > 0 && done == 0) return 45;
            if (failed > 0) return 30;
            if (frames.Any(f => f.Status == 3)) return 70;
            return 25;
        }

        /// <summary>A parent follows its sub-tasks: any still busy keeps it busy, else the stopped or finished state of all its frames.</summary>
        internal static int ParentStatus(EmuTask parent)
        {
            var kids = parent.Children;
            if (kids.Any(c => c.Status == 5)) return 5;
            if (kids.Any(c => IsActive(c.Status)))
                return kids.Any(c => c.Status == 8) ? 8 : kids.Any(c => c.Status == 50) ? 50 : 0;
            var stopped = kids.Select(c => c.Status).FirstOrDefault(s => s == 10 || s == 15 || s == 20 || s == 23 || s == 35);
            if (stopped != 0) return stopped;
            return Derive(parent.AllFrames().ToList(), parent.Status);
        }

        /// <summary>Render time of a frame on this run: 20 s to 4 min, fixed by the seed, the frame and how often it was resubmitted.</summary>
        internal static long PlanMs(EmuStore store, EmuFrame f) => (20 + Mix(store.SeedValue, f.Id, f.Recommit, 1) % 221) * 1000L;

        /// <summary>About one frame in 25 fails on its first run; a resubmitted frame renders.</summary>
        internal static bool Fails(EmuStore store, EmuFrame f) => f.Recommit == 0 && Mix(store.SeedValue, f.Id, 0, 2) % 25 == 0;

        private static long QueueMs(EmuStore store, EmuTask t) => (15 + Mix(store.SeedValue, t.Id, 0, 4) % 31) * 1000L;

        internal static long Mix(int seed, long a, int b, int salt)
        {
            unchecked
            {
                var x = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)a * 0xBF58476D1CE4E5B9UL ^ (ulong)(b + 1) * 0x94D049BB133111EBUL ^ (ulong)salt;
                x ^= x >> 31;
                x *= 0xD6E8FEEB86659FD9UL;
                x ^= x >> 29;
                return (long)(x & 0x7FFFFFFFFFFFFFFFUL);
            }
        }
    }
}
