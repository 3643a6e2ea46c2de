using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>
    /// The six create actions: one task per scene path (at most 100), created and submitted in one call, rendered by
    /// the same farm as REST's tasks. The answer is the same for all six (API2-NOTES §2.1.3).
    /// </summary>
    internal static class Api2SubmitHandlers
    {
        public static void Register(IDictionary<string, Api2Handler> map)
        {
            map["create_task"] = r => Create(r, 2000, Passes(r, Own(r, "frames")));
            map["create_max_task"] = r => Create(r, 2001, Passes(r, Own(r, "frames") ?? "1"));
            map["create_sketchup_task"] = r => Create(r, 0,
                Passes(r, r.Int("render_type") == 1 ? "1-" + Math.Max(1, r.Int("total_frame") ?? 1) : "1"));
            map["create_vrstandalone_task"] = r => Create(r, 2008, Passes(r, Own(r, "frames")));
            map["create_houdini_task"] = r => Create(r, 2004, Nodes(r));
            map["create_blender_task"] = r => Create(r, 2007, Passes(r, Own(r, "frames")));
        }

        /// <summary>A field of the action's own table; null for one it does not have, which the document says is
        /// ignored (Houdini has no submit_account, only Maya has submit_type).</summary>
        private static string? Own(Api2Request r, string name)
            => Api2Fields.ByAction[r.Action].Any(f => f.Name == name) ? r.Text(name) : null;

        private static List<EmuPass> Passes(Api2Request r, string? frames)
            => new List<EmuPass> { Pass(Own(r, "render_layer"), frames ?? "1", Own(r, "camera") ?? "", "frames") };

        private static EmuPass Pass(string? layer, string range, string camera, string field)
        {
            try
            {
                return new EmuPass { Layer = layer, Range = range.Trim(), Camera = camera,
                    Frames = EmuFrameRange.Parse(range) };
            }
            catch (FormatException ex)
            {
                throw new Api2Error(1022, $"illegal value: body.{field} '{range}': {ex.Message}");
            }
        }

        /// <summary>Houdini's layer_list: one pass per ROP node, each with its frames.</summary>
        private static List<EmuPass> Nodes(Api2Request r)
        {
            var fields = new[]
            {
                new Api2Field("frames", Api2Kind.Text, true, 64, new string[0]),
                new Api2Field("layerName", Api2Kind.Text, true, 512, new string[0]),
                new Api2Field("option", Api2Kind.Int, false, 0, new string[0]),
            };
            var passes = new List<EmuPass>();
            foreach (var node in r.Body.GetProperty("layer_list").EnumerateArray())
            {
                if (node.ValueKind != JsonValueKind.Object)
                    throw new Api2Error(1021,
                        "parameter cast exception: body.layer_list holds an item that is not an object.");
                Api2Request.Check(node, fields, "body.layer_list[]");
                passes.Add(Pass(node.GetProperty("layerName").ToString(), node.GetProperty("frames").ToString(), "",
                    "layer_list[].frames"));
            }
            return passes;
        }

        private static JsonObject Create(Api2Request r, int cgId, List<EmuPass> passes)
        {
            var s = r.Store;
            var paths = r.Text("input_scene_path")!.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0)
                .ToList();
            if (paths.Count > Core.Catalog.RbApi2Catalog.MaxScenePaths)
                throw new Api2Error(1022,
                    $"illegal value: body.input_scene_path holds {paths.Count} paths; at most 100.");
            var submitter = Own(r, "submit_account") ?? r.Account;
            if (!s.IsAccount(submitter))
                throw new Api2Error(1022,
                    $"illegal value: body.submit_account '{submitter}' is not this account or one of its "
                        + $"sub-accounts.");
            if (Own(r, "first_frames") is string first && first.Split(',').Any(f => !int.TryParse(f.Trim(),
                NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                throw new Api2Error(1022, $"illegal value: body.first_frames '{first}' is not a comma list of frames.");
            var projectName = r.Text("project_name")!;
            var project = s.AccountProjects.FirstOrDefault(p => string.Equals(p.Name, projectName,
                StringComparison.OrdinalIgnoreCase));
            var items = new JsonArray();
            foreach (var path in paths)
            {
                if (project == null)
                {
                    items.Add(new JsonObject { ["task_id"] = "", ["submit_result"] = "1",
                        ["description"] = $"Project '{projectName}' does not exist: the task was not submitted." });
                    continue;
                }
                var t = NewTask(r, project.Name, submitter, path, cgId);
                var plan = new EmuPlan { CgId = cgId, Scene = t.SceneName };
                plan.Passes.AddRange(passes.Select(p => new EmuPass { Layer = p.Layer, Range = p.Range,
                    Camera = p.Camera, Frames = p.Frames }));
                SubmitHandlers.Plan(s, t, plan, r.NowMs);
                if (Own(r, "submit_type") != null && r.Int("submit_type") == 1)
                {
                    // submitted stopped: it renders once restarted (or started on REST)
                    foreach (var x in t.SelfAndDescendants()) x.Status = RbTaskStatus.Stopped;
                }
                items.Add(new JsonObject { ["task_id"] = t.Id.ToString(CultureInfo.InvariantCulture),
                    ["submit_result"] = "0",
                    ["task_status"] = RbApi2Words.WordOf(t.Status) });
            }
            return new JsonObject { ["total_size"] = items.Count.ToString(CultureInfo.InvariantCulture),
                ["data"] = items };
        }

        private static EmuTask NewTask(Api2Request r, string project, string submitter, string path, int cgId)
        {
            var s = r.Store;
            var id = s.NextTaskId();
            var level = r.Int("priority") ?? 50;
            var hours = Own(r, "timeout") == null ? null : r.Float("timeout");
            var t = new EmuTask
            {
                Id = id,
                Alias = s.Platform.ToString(CultureInfo.InvariantCulture) + s.Prefix
                    + id.ToString(CultureInfo.InvariantCulture),
                // "D/maya/vr_tst_####.vrscene 1-24" names 24 files of one task: the scene is the text before the range
                SceneName = path.Split(' ')[0].Replace('\\', '/').Split('/').Last(),
                ProjectName = project,
                CgId = cgId,
                SubmitMs = r.NowMs,
                UserName = submitter,
                UserId = s.UserId,
                Producer = Own(r, "artist"),
                TaskLevel = level + 10,
                UserLevel = level,
                SimMs = r.NowMs,
                OverTimeSec = hours.HasValue ? (int)Math.Min(int.MaxValue, Math.Max(1,
                    Math.Round(hours.Value * 3600))) : s.TaskOverTimeSec,
                MunuTaskId = "2026" + id.ToString(CultureInfo.InvariantCulture),
            };
            s.Tasks.Add(t);
            s.ById[id] = t;
            s.SoftwareNames[id] = r.Text("cg_soft_name")!;
            s.ScenePaths[id] = path;
            return t;
        }
    }
}
