using System;
using System.Collections.Generic;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>
    /// Renders the account's tasks as the simulated clock runs, event by event, so a jump of the clock gives the same
    /// history as many small steps (CONTRIBUTING.md, "The emulator's farm").
    /// </summary>
    internal static partial class EmuFarm
    {
        public const int DefaultNodes = 10;
        public const int FullSpeedNodes = 100;
        /// <summary>Price of one node-hour, as the seeded history charges it.</summary>
        public const decimal NodeHourPrice = 1.2m;

        /// <summary>Waiting, rendering, preprocessing or analysing: the farm still has work to do on it.</summary>
        public static bool IsActive(RbTaskStatus status) => status == RbTaskStatus.Waiting
            || status == RbTaskStatus.Rendering
            || status == RbTaskStatus.Preprocessing || status == RbTaskStatus.Analysing;

        /// <summary>A frame status that waits for a node, for preprocessing or for another pass.</summary>
        public static bool Waiting(RbFrameStatus status) => status == RbFrameStatus.Waiting
            || (status >= RbFrameStatus.WaitingForPreprocessing && status <= RbFrameStatus.WaitingForSimulationJob)
            || status == RbFrameStatus.SecondaryFrameWaiting;

        /// <summary>
        /// Brings every task up to <paramref name="nowMs"/>, walking only the busy tasks with something due, or all
        /// busy tasks after a request changed something (CONTRIBUTING.md, "The emulator's farm").
        /// </summary>
        /// <param name="previousMs">The clock of the previous tick (long.MinValue before the first): the time of any
        /// change since.</param>
        public static void Tick(EmuStore store, long nowMs, long previousMs, bool changed)
        {
            var busy = store.Busy;
            var next = store.BusyNext;
            if (changed) FindBusy(store, nowMs, previousMs);
            var kept = 0;
            for (var i = 0; i < busy.Count; i++)
            {
                var task = busy[i];
                if (!changed && nowMs < next[i])
                {
                    busy[kept] = task;
                    next[kept++] = next[i];
                    continue;
                }
                var status = task.Status;
                CatchUpGated(task, previousMs);
                AdvanceTask(store, task, nowMs);
                if (task.Status != status) store.FarmStatusChanges++;
                if (IsBusy(task))
                {
                    busy[kept] = task;
                    next[kept++] = NextEvent(task);
                }
                else task.InBusySet = false;
            }
            busy.RemoveRange(kept, busy.Count - kept);
            next.RemoveRange(kept, next.Count - kept);
        }

        private static bool IsBusy(EmuTask task)
        {
            if (IsActive(task.Status)) return true;
            var kids = task.Children;
            for (var i = 0; i < kids.Count; i++)
            {
                if (IsActive(kids[i].Status)) return true;
            }
            return false;
        }

        /// <summary>
        /// The earliest time one of the task's active leaves has something due (long.MinValue: on every tick;
        /// long.MaxValue: nothing until a request changes something).
        /// </summary>
        private static long NextEvent(EmuTask task)
        {
            var kids = task.Children;
            if (kids.Count == 0) return task.NextEventMs;
            var next = long.MaxValue;
            var anyActive = false;
            for (var i = 0; i < kids.Count; i++)
            {
                if (!IsActive(kids[i].Status)) continue;
                anyActive = true;
                // a pass that waits for its photon pass moves when the photon pass does (see CatchUpGated)
                if (!kids[i].Gated) next = Math.Min(next, kids[i].NextEventMs);
            }
            return anyActive ? next : long.MinValue;
        }

        /// <summary>
        /// A pass that waits for its photon pass (<see cref="EmuTask.Gated"/>) reads the time of the last tick, as it
        /// would had every tick walked it; when the photon pass ends without a frame ending (a request stopped it), its
        /// frames start from then.
        /// </summary>
        private static void CatchUpGated(EmuTask task, long previousMs)
        {
            if (previousMs == long.MinValue) return;
            var kids = task.Children;
            for (var i = 0; i < kids.Count; i++)
            {
                if (kids[i].Gated && IsActive(kids[i].Status)) kids[i].SimMs = previousMs;
            }
        }

        /// <summary>
        /// Lists the busy tasks in the account's order and wakes the leaves the last request made active (see
        /// <see cref="IdleLeaves"/>). A task a request made idle leaves the set with its leaves' clocks set, and on the
        /// first tick every idle task's are.
        /// </summary>
        private static void FindBusy(EmuStore store, long now, long previousMs)
        {
            var first = previousMs == long.MinValue;
            var busy = store.Busy;
            busy.Clear();
            store.BusyNext.Clear();
            var tasks = store.Tasks;
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = tasks[i];
                // the recycle bin does not render
                if (task.Deleted || !IsBusy(task))
                {
                    if ((first || task.InBusySet) && !task.Deleted) IdleLeaves(store, task, now, woken: false);
                    task.InBusySet = false;
                    continue;
                }
                if (!first) IdleLeaves(store, task, previousMs, woken: true);
                task.InBusySet = true;
                busy.Add(task);
                store.BusyNext.Add(long.MinValue);
            }
        }

        /// <summary>
        /// Sets the clock of the task's leaves (the task itself, or each of its sub-tasks) to <paramref name="atMs"/>;
        /// with
        /// <paramref name="woken"/>, only of those a request made active since the farm last saw them idle
        /// (<see cref="EmuTask.Parked"/>): they queue from the moment of that request, as if their clock had been kept
        /// up on every tick while they were idle. A leaf whose clock already reads <paramref name="atMs"/> was set then
        /// (it went idle at that moment, or the request set it, as submitTask does) and is left as it is.
        /// </summary>
        private static void IdleLeaves(EmuStore store, EmuTask task, long atMs, bool woken)
        {
            var kids = task.Children;
            if (kids.Count == 0) IdleLeaf(store, task, atMs, woken);
            for (var i = 0; i < kids.Count; i++) IdleLeaf(store, kids[i], atMs, woken);
        }

        private static void IdleLeaf(EmuStore store, EmuTask leaf, long atMs, bool woken)
        {
            if (!woken || (leaf.Parked && IsActive(leaf.Status) && leaf.SimMs < atMs)) Idle(store, leaf, atMs);
        }

        private static void AdvanceTask(EmuStore store, EmuTask task, long now)
        {
            var kids = task.Children;
            if (kids.Count == 0)
            {
                AdvanceLeaf(store, task, now, long.MinValue);
                return;
            }
            var wasActive = IsActive(task.Status);
            long photonDone = long.MinValue;
            for (var i = 0; i < kids.Count; i++)
            {
                var photon = kids[i];
                if (photon.TaskType != "RenderPhoton") continue;
                AdvanceLeaf(store, photon, now, long.MinValue);
                // the main frames go once the photon pass has ended (even with a failed frame); while it renders or is
                // stopped, they wait
                var ended = photon.Status == RbTaskStatus.Finished
                    || photon.Status == RbTaskStatus.FinishedWithFailedFrames
                    || photon.Status == RbTaskStatus.TestFinished || photon.Status == RbTaskStatus.Failed
                    || photon.Status == RbTaskStatus.FinishedWithStoppedFrames;
                photonDone = Math.Max(photonDone, ended ? LastEnd(photon) : long.MaxValue);
            }
            var anyActive = false;
            for (var i = 0; i < kids.Count; i++)
            {
                var child = kids[i];
                if (child.TaskType != "RenderPhoton") AdvanceLeaf(store, child, now, photonDone);
            }
            for (var i = 0; i < kids.Count && !anyActive; i++) anyActive = IsActive(kids[i].Status);
            if (wasActive || anyActive) task.Status = ParentStatus(task);
        }

        /// <summary>The latest end of the task's frames (a frame that has not ended counts as 0), 0 without
        /// frames.</summary>
        private static long LastEnd(EmuTask task)
        {
            var last = long.MinValue;
            var any = false;
            LastEnd(task, ref last, ref any);
            return any ? last : 0;
        }

        private static void LastEnd(EmuTask task, ref long last, ref bool any)
        {
            var frames = task.Frames;
            for (var i = 0; i < frames.Count; i++)
            {
                any = true;
                last = Math.Max(last, frames[i].EndMs ?? 0);
            }
            for (var i = 0; i < task.Children.Count; i++) LastEnd(task.Children[i], ref last, ref any);
        }

        /// <summary>
        /// Advances one leaf to <paramref name="now"/>. Frames may not start before <paramref name="gate"/>
        /// (long.MaxValue: not yet known, the photon pass is still going).
        /// </summary>
        private static void AdvanceLeaf(EmuStore store, EmuTask leaf, long now, long gate)
        {
            if (!IsActive(leaf.Status))
            {
                Idle(store, leaf, now);
                return;
            }
            leaf.Parked = false;
            leaf.Gated = false;
            if (now < leaf.NextEventMs && leaf.SeenVersion == store.Version) return;
            leaf.SeenVersion = store.Version;
            var t = Math.Max(leaf.SimMs, 0);
            var frames = leaf.Frames;
            if (leaf.Status != RbTaskStatus.Rendering)
            {
                if (leaf.ReadyMs > now)
                {
                    leaf.NextEventMs = leaf.ReadyMs;
                    return;
                }
                t = Math.Max(t, leaf.ReadyMs);
                for (var i = 0; i < frames.Count; i++)
                {
                    if (frames[i].Status == RbFrameStatus.WaitingForPreprocessing) frames[i].Status = RbFrameStatus.Waiting;
                }
                leaf.Status = RbTaskStatus.Waiting;
            }
            if (gate == long.MaxValue || gate > now)
            {
                leaf.SimMs = now;
                leaf.NextEventMs = gate == long.MaxValue ? long.MinValue : gate;
                leaf.Gated = gate == long.MaxValue;
                leaf.Status = Derive(frames, leaf.Status);
                return;
            }
            t = Math.Max(t, gate);
            var limit = leaf.FullSpeed ? FullSpeedNodes : Math.Max(
                1, Math.Min(leaf.TaskLimit ?? DefaultNodes, FullSpeedNodes));
            var overMs = leaf.OverTimeSec > 0 ? leaf.OverTimeSec * 1000L : long.MaxValue;
            var rendering = store.FarmScratch;
            while (true)
            {
                rendering.Clear();
                for (var i = 0; i < frames.Count; i++)
                {
                    if (frames[i].Status == RbFrameStatus.Rendering) rendering.Add(frames[i]);
                }
                var free = limit - rendering.Count;
                for (var i = 0; i < frames.Count && free > 0; i++)
                {
                    var f = frames[i];
                    if (!Waiting(f.Status) || f.Status == RbFrameStatus.WaitingForPreprocessing) continue;
                    f.Status = RbFrameStatus.Rendering;
                    f.StartMs = t;
                    f.EndMs = null;
                    f.PlannedMs = PlanMs(store, f);
                    rendering.Add(f);
                    free--;
                }
                if (rendering.Count == 0) break;
                // the frame that ends first (the lower id on a tie)
                var next = rendering[0];
                var end = next.StartMs!.Value + Math.Min(next.PlannedMs, overMs);
                for (var i = 1; i < rendering.Count; i++)
                {
                    var f = rendering[i];
                    var e = f.StartMs!.Value + Math.Min(f.PlannedMs, overMs);
                    if (e < end || (e == end && f.Id < next.Id))
                    {
                        next = f;
                        end = e;
                    }
                }
                if (end > now)
                {
                    leaf.NextEventMs = end;
                    break;
                }
                t = end;
                if (next.PlannedMs > overMs)
                {
                    // the frame ran past the task's time-out: the task stops, its other running frames with it
                    End(store, next, end, RbFrameStatus.TimedOut);
                    for (var i = 0; i < rendering.Count; i++)
                    {
                        if (rendering[i] != next) End(store, rendering[i], end, RbFrameStatus.Stopped);
                    }
                    rendering.Clear();
                    leaf.Status = RbTaskStatus.TimeoutStopped;
                    Idle(store, leaf, now);
                    return;
                }
                End(store, next, end, Fails(store, next) ? RbFrameStatus.Failed : RbFrameStatus.Finished);
            }
            rendering.Clear();
            leaf.SimMs = now;
            leaf.Status = Derive(frames, leaf.Status);
            if (!IsActive(leaf.Status))
            {
                leaf.NextEventMs = long.MinValue;
                Idle(store, leaf, now);
            }
        }

    }
}
