using System;
using System.Collections.Generic;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>What happens to one frame (stopped, queued again, ended) and how a task's status follows its frames and sub-tasks.</summary>
    internal static partial class EmuFarm
    {
        /// <summary>
        /// An idle task's clock keeps up, and if it is started again it queues from then. Set the moment it goes idle, on
        /// ticks that walk it, and when a request wakes it (<see cref="IdleLeaves"/>).
        /// </summary>
        private static void Idle(EmuStore store, EmuTask leaf, long now)
        {
            leaf.SimMs = now;
            leaf.ReadyMs = now + QueueMs(store, leaf);
            leaf.Parked = true;
            leaf.Gated = false;
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
        internal static int Derive(List<EmuFrame> frames, int current)
        {
            var tally = new FrameTally();
            tally.Add(frames);
            return tally.Status(current);
        }

        /// <summary>A parent follows its sub-tasks: any still busy keeps it busy, else the stopped or finished state of all its frames.</summary>
        internal static int ParentStatus(EmuTask parent)
        {
            var kids = parent.Children;
            bool rendering = false, active = false, preprocessing = false, analysing = false;
            var stopped = 0;
            for (var i = 0; i < kids.Count; i++)
            {
                var s = kids[i].Status;
                rendering |= s == 5;
                active |= IsActive(s);
                preprocessing |= s == 8;
                analysing |= s == 50;
                if (stopped == 0 && (s == 10 || s == 15 || s == 20 || s == 23 || s == 35)) stopped = s;
            }
            if (rendering) return 5;
            if (active) return preprocessing ? 8 : analysing ? 50 : 0;
            if (stopped != 0) return stopped;
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
                    rendering |= s == 2;
                    waiting |= Waiting(s);
                    stopped |= s == 3;
                    if (s == 5 || s == 11) failed++;
                    else if (s == 4) done++;
                }
            }

            /// <summary>The frames of the task and of every sub-task.</summary>
            public void AddTree(EmuTask task)
            {
                Add(task.Frames);
                for (var i = 0; i < task.Children.Count; i++) AddTree(task.Children[i]);
            }

            public int Status(int current)
            {
                if (count == 0) return current;
                if (rendering) return 5;
                if (waiting) return current == 8 || current == 50 ? current : 0;
                if (failed > 0 && done == 0) return 45;
                if (failed > 0) return 30;
                if (stopped) return 70;
                return 25;
            }
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
