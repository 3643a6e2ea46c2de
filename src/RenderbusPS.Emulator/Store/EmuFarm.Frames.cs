using System;
using System.Collections.Generic;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>What happens to one frame (stopped, queued again, ended) and how a task's status follows its frames and
    /// sub-tasks.</summary>
    internal static partial class EmuFarm
    {
        /// <summary>
        /// An idle task's clock keeps up, and if it is started again it queues from then. Set the moment it goes idle,
        /// on ticks that walk it, and when a request wakes it (<see cref="IdleLeaves"/>).
        /// </summary>
        private static void Idle(EmuStore store, EmuTask leaf, long now)
        {
            leaf.SimMs = now;
            leaf.ReadyMs = now + QueueMs(store, leaf);
            leaf.Parked = true;
            leaf.Gated = false;
        }

        /// <summary>
        /// Stops a frame at <paramref name="now"/> (stopTask, abandonTask, stopTaskFrames alike): a rendering frame
        /// ends there and is billed for the time it ran; a waiting one just stops.
        /// </summary>
        internal static void Stop(EmuStore store, EmuFrame f, long now)
        {
            if (f.Status == RbFrameStatus.Rendering && f.StartMs.HasValue) End(
                store, f, Math.Max(now, f.StartMs.Value), RbFrameStatus.Stopped);
            else f.Status = RbFrameStatus.Stopped;
        }

        /// <summary>Puts a frame back in the queue for another run: times cleared, resubmitted once more.</summary>
        internal static void Requeue(EmuFrame f)
        {
            f.Status = RbFrameStatus.Waiting;
            f.StartMs = null;
            f.EndMs = null;
            f.PlannedMs = 0;
            f.Recommit++;
        }

        internal static void End(EmuStore store, EmuFrame f, long at, RbFrameStatus status)
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
        internal static RbTaskStatus Derive(List<EmuFrame> frames, RbTaskStatus current)
        {
            var tally = new FrameTally();
            tally.Add(frames);
            return tally.Status(current);
        }

        /// <summary>A parent follows its sub-tasks: any still busy keeps it busy, else the stopped or finished state of
        /// all its frames.</summary>
        internal static RbTaskStatus ParentStatus(EmuTask parent)
        {
            var kids = parent.Children;
            bool rendering = false, active = false, preprocessing = false, analysing = false;
            RbTaskStatus? stopped = null;
            for (var i = 0; i < kids.Count; i++)
            {
                var s = kids[i].Status;
                rendering |= s == RbTaskStatus.Rendering;
                active |= IsActive(s);
                preprocessing |= s == RbTaskStatus.Preprocessing;
                analysing |= s == RbTaskStatus.Analysing;
                if (stopped == null && (
                    s == RbTaskStatus.Stopped || s == RbTaskStatus.UserStopped || s == RbTaskStatus.ArrearsStopped
                    || s == RbTaskStatus.TimeoutStopped || s == RbTaskStatus.Abandoned)) stopped = s;
            }
            if (rendering) return RbTaskStatus.Rendering;
            if (active) return preprocessing ? RbTaskStatus.Preprocessing : analysing ? RbTaskStatus.Analysing
                : RbTaskStatus.Waiting;
            if (stopped != null) return stopped.Value;
            var tally = new FrameTally();
            tally.AddTree(parent);
            return tally.Status(parent.Status);
        }

        /// <summary>What a set of frames holds, for <see cref="Derive"/>.</summary>
        private struct FrameTally
        {
            private int count, failed, done;
            private bool rendering, waiting, stopped;

            public void Add(List<EmuFrame> frames)
            {
                count += frames.Count;
                for (var i = 0; i < frames.Count; i++)
                {
                    var s = frames[i].Status;
                    rendering |= s == RbFrameStatus.Rendering;
                    waiting |= Waiting(s);
                    stopped |= s == RbFrameStatus.Stopped;
                    if (s == RbFrameStatus.Failed || s == RbFrameStatus.TimedOut) failed++;
                    else if (s == RbFrameStatus.Finished) done++;
                }
            }

            /// <summary>The frames of the task and of every sub-task.</summary>
            public void AddTree(EmuTask task)
            {
                Add(task.Frames);
                for (var i = 0; i < task.Children.Count; i++) AddTree(task.Children[i]);
            }

            public RbTaskStatus Status(RbTaskStatus current)
            {
                if (count == 0) return current;
                if (rendering) return RbTaskStatus.Rendering;
                if (waiting) return current == RbTaskStatus.Preprocessing || current == RbTaskStatus.Analysing
                    ? current : 0;
                if (failed > 0 && done == 0) return RbTaskStatus.Failed;
                if (failed > 0) return RbTaskStatus.FinishedWithFailedFrames;
                if (stopped) return RbTaskStatus.FinishedWithStoppedFrames;
                return RbTaskStatus.Finished;
            }
        }

        /// <summary>Render time of a frame on this run: 20 s to 4 min, fixed by the seed, the frame and how often it
        /// was resubmitted.</summary>
        internal static long PlanMs(EmuStore store, EmuFrame f) => (
            20 + Mix(store.SeedValue, f.Id, f.Recommit, 1) % 221) * 1000L;

        /// <summary>About one frame in 25 fails on its first run; a resubmitted frame renders.</summary>
        internal static bool Fails(EmuStore store, EmuFrame f) => f.Recommit == 0
            && Mix(store.SeedValue, f.Id, 0, 2) % 25 == 0;

        private static long QueueMs(EmuStore store, EmuTask t) => (15 + Mix(store.SeedValue, t.Id, 0, 4) % 31) * 1000L;

        internal static long Mix(int seed, long a, int b, int salt)
        {
            unchecked
            {
                var x = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)a * 0xBF58476D1CE4E5B9UL ^ (ulong)(b
                    + 1) * 0x94D049BB133111EBUL ^ (ulong)salt;
                x ^= x >> 31;
                x *= 0xD6E8FEEB86659FD9UL;
                x ^= x >> 29;
                return (long)(x & 0x7FFFFFFFFFFFFFFFUL);
            }
        }
    }
}
