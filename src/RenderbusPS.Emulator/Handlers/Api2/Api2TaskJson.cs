using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>A task as query_task answers it (API2-NOTES §2.2.2): every value a string, frames as
    /// <c>jobs</c>.</summary>
    internal static class Api2TaskJson
    {
        public static JsonObject Item(EmuStore s, EmuTask t, bool jobs, bool logs, long nowMs)
        {
            int done = 0, failed = 0, executing = 0, waiting = 0, aborted = 0;
            long seconds = 0;
            decimal fee = 0;
            foreach (var f in t.AllFrames())
            {
                switch (f.Status)
                {
                    case RbFrameStatus.Finished: done++; break;
                    case RbFrameStatus.Failed: failed++; break;
                    case RbFrameStatus.Rendering: executing++; break;
                    case RbFrameStatus.Stopped: case RbFrameStatus.TimedOut: aborted++; break;
                    default: waiting++; break;
                }
                seconds += f.ExecSec ?? 0;
                fee += f.Fee + f.Coupon;
            }
            var item = new JsonObject
            {
                ["task_id"] = Api2TaskHandlers.Text(t.Id),
                ["project_name"] = t.ProjectName,
                ["task_status"] = RbApi2Words.WordOf(t.Status),
                ["frames"] = t.FramesRange,
                ["task_type"] = t.TaskType == "RenderPhoton" ? "1" : t.Children.Any(c => c.TaskType == "RenderPhoton")
                    ? "2" : "0",
                ["done"] = Api2TaskHandlers.Text(done),
                ["failed"] = Api2TaskHandlers.Text(failed),
                ["executing"] = Api2TaskHandlers.Text(executing),
                ["waiting"] = Api2TaskHandlers.Text(waiting),
                ["aborted"] = Api2TaskHandlers.Text(aborted),
                ["cg_soft_name"] = Api2TaskHandlers.SoftwareName(s, t),
                ["input_scene_path"] = s.ScenePathOf(t),
                ["scene_name"] = t.SceneName,
                ["fee"] = (s.Zone == 2 ? "USD:" : "RMB:") + fee.ToString("0.00", CultureInfo.InvariantCulture),
                ["submit_time"] = EmuStore.WallClock(t.SubmitMs),
                ["completed_time"] = EmuStore.WallClock(Api2TaskHandlers.Completed(t)),
                ["exetime_count"] = Api2TaskHandlers.Text(seconds),
                ["camera"] = t.Camera,
                ["render_layer"] = t.LayerName ?? "",
                ["artist"] = t.Producer ?? "",
                ["submit_account"] = t.UserName,
                ["task_alias"] = t.Alias,
            };
            if (jobs) item["jobs"] = Jobs(s, t, logs, nowMs);
            return item;
        }

        private static JsonArray Jobs(EmuStore s, EmuTask task, bool logs, long nowMs)
        {
            var list = new JsonArray();
            foreach (var leaf in task.SelfAndDescendants())
            {
                foreach (var f in leaf.Frames)
                {
                    var job = new JsonObject
                    {
                        ["job_id"] = Api2TaskHandlers.Text(f.Id),
                        ["job_name"] = "frame" + f.FrameIndex,
                        ["job_status"] = RbApi2Words.JobWord(f.Status),
                        ["start_time"] = EmuStore.JobClock(f.StartMs),
                        ["end_time"] = EmuStore.JobClock(f.EndMs),
                        ["consume_time"] = f.ExecSec.HasValue ? Api2TaskHandlers.Text(f.ExecSec.Value) : "",
                        ["render_percent"] = f.Status == RbFrameStatus.Finished ? "100" : "0",
                        ["task_id"] = Api2TaskHandlers.Text(leaf.Id),
                        ["fee"] = (f.Fee + f.Coupon).ToString("0.00", CultureInfo.InvariantCulture),
                    };
                    if (logs)
                    {
                        var text = string.Join("\r\n", EmuRenderLog.Lines(s, leaf, f, nowMs));
                        job["log"] = text;
                        job["render_log"] = text;
                        job["process_log"] = "";
                    }
                    list.Add(job);
                }
            }
            return list;
        }
    }
}
