using System;
using System.Collections.Generic;
using System.Globalization;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>
    /// The render log of a frame, made up from the seed, the frame and its state: a start banner that names the frame
    /// and the software, scene loading, progress lines while it renders, and an end that fits its status (done with the
    /// render time, an error for a failed frame, a time-out, a stop). A frame that never started has no log. Long
    /// renders give long logs, so a log spans several 16 KB pieces.
    /// </summary>
    internal static class EmuRenderLog
    {
        /// <summary>Characters per piece (the <c>size</c> the service answers).</summary>
        public const int PieceSize = 16384;

        private static readonly string[] Renderers = { "Arnold 7.1.4", "V-Ray 6.10.08", "Redshift 3.5.16",
            "Cycles 3.6", "Mantra 19.5" };

        public static List<string> Lines(EmuStore store, EmuTask task, EmuFrame f, long nowMs)
        {
            var lines = new List<string>();
            if (!f.StartMs.HasValue) return lines;
            var start = f.StartMs.Value;
            var end = f.EndMs ?? (f.Status == RbFrameStatus.Rendering ? nowMs : start);
            var software = RbSoftwareIds.NameOf(task.CgId) ?? "cgId "
                + task.CgId.ToString(CultureInfo.InvariantCulture);
            var mix = EmuFarm.Mix(store.SeedValue, f.Id, f.Recommit, 7);
            var renderer = Renderers[(int)(mix % Renderers.Length)];
            var node = "node-" + (mix % 400).ToString("000", CultureInfo.InvariantCulture);
            string At(long ms) => "[" + DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(8))
                .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "] ";

            lines.Add(At(start) + "================ Renderbus render log ================");
            lines.Add(
                At(start)
                + $"Task {task.Alias} ({task.Id}), frame {f.FrameIndex} (frame id {f.Id}, block {f.Block}), attempt {f.Recommit + 1}");
            lines.Add(At(start) + $"Software: {software}, renderer {renderer}");
            lines.Add(
                At(start) + $"Scene: {task.SceneName}, camera {task.Camera}" + (
                task.LayerName != null ? ", layer " + task.LayerName : ""));
            lines.Add(
                At(start) + $"Node: {node} (48 cores, {(f.Ram ?? 64).ToString(CultureInfo.InvariantCulture)} GB)");
            lines.Add(At(start + 1000) + "Syncing assets from the input storage...");
            var assets = 20 + (int)(mix % 60);
            for (var i = 1; i <= assets; i++)
                lines.Add(
                    At(start + 1000 + i * 50)
                    + $"  asset {i:000}/{assets:000}: textures/{task.SceneName.Split('_')[0]}_{(mix + i) % 9000 + 1000}.tx ok");
            lines.Add(At(start + 5000) + "Loading scene... done");
            lines.Add(At(start + 6000) + $"Rendering frame {f.FrameIndex}");

            // progress lines: one per percent of the planned time (more for long renders), up to where the frame got
            var planned = Math.Max(1000, f.PlannedMs > 0 ? f.PlannedMs : (f.EndMs ?? end) - start);
            var steps = 100 + (int)(mix % 5) * 100;
            var reached = f.Status == RbFrameStatus.Finished ? steps : (int)Math.Min(
                steps, (end - start) * (long)steps / planned);
            if (f.Status == RbFrameStatus.Failed) reached = Math.Min(reached, steps * (40 + (int)(mix % 50)) / 100);
            for (var s = 1; s <= reached; s++)
            {
                var at = start + 6000 + (end - start - 6000) * s / Math.Max(1, steps);
                lines.Add(
                    At(Math.Max(start, at))
                    + $"  progress {100.0 * s / steps,6:0.0}%  bucket {s:0000}/{steps:0000}  memory {2 + (mix + s) % 30} GB");
            }

            var took = TimeSpan.FromMilliseconds(Math.Max(0, end - start));
            switch (f.Status)
            {
                case RbFrameStatus.Finished:
                    lines.Add(
                        At(end) + $"Frame {f.FrameIndex} done in {took:hh\\:mm\\:ss}; writing output {task.Id}_{f.FrameIndex}.exr");
                    lines.Add(At(end) + "Render finished (exit code 0)");
                    break;
                case RbFrameStatus.Failed:
                    lines.Add(
                        At(end) + "ERROR: " + (
                        mix % 3 == 0 ? "out of memory while building the BVH" : mix % 3 == 1
                        ? "missing texture file, render aborted" : "renderer crashed (access violation)"));
                    lines.Add(At(end) + $"Frame {f.FrameIndex} failed after {took:hh\\:mm\\:ss} (exit code 1)");
                    break;
                case RbFrameStatus.TimedOut:
                    lines.Add(
                        At(end) + $"Frame {f.FrameIndex} ran past the task's time-out of {task.OverTimeSec} s and was stopped");
                    break;
                case RbFrameStatus.Stopped:
                    lines.Add(At(end) + $"Frame {f.FrameIndex} stopped after {took:hh\\:mm\\:ss}");
                    break;
            }
            return lines;
        }

        /// <summary>Cuts the lines into pieces of whole lines, each at most <see cref="PieceSize"/> characters with its
        /// line ends.</summary>
        public static List<List<string>> Pages(List<string> lines)
        {
            var pages = new List<List<string>>();
            var current = new List<string>();
            var size = 0;
            foreach (var line in lines)
            {
                if (current.Count > 0 && size + line.Length + 1 > PieceSize)
                {
                    pages.Add(current);
                    current = new List<string>();
                    size = 0;
                }
                current.Add(line);
                size += line.Length + 1;
            }
            if (current.Count > 0) pages.Add(current);
            return pages;
        }
    }
}
