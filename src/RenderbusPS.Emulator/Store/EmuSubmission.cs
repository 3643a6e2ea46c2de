using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>One render pass a task.json asks for: a layer (or ROP node) with its frame range and camera.</summary>
    internal sealed class EmuPass
    {
        public string? Layer;
        public string Range = "";
        public string Camera = "";
        public List<int> Frames = new List<int>();
    }

    /// <summary>What a submitted task.json says to render (the parts the emulator uses).</summary>
    internal sealed class EmuPlan
    {
        public int CgId;
        public string Scene = "";
        public int FramesPerTask = 1;
        public readonly List<EmuPass> Passes = new List<EmuPass>();

        private static readonly Dictionary<string, int> CgNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["maya"] = 2000, ["3ds max"] = 2001, ["3dsmax"] = 2001, ["max"] = 2001, ["houdini"] = 2004,
                ["cinema 4d"] = 2005, ["c4d"] = 2005,
            ["blender"] = 2007, ["vray standalone"] = 2008, ["clarisse"] = 2013, ["nuke"] = 2015, ["katana"] = 2016,
        };

        /// <summary>
        /// Reads task.json as the Renderbus analysis writes it: <c>task_info</c> (cg_id, input_cg_file,
        /// frames_per_task, and optionally frames/render_layer/camera) and <c>scene_info_render</c> (Maya: layer →
        /// common.frames; 3ds Max: common.frames; Houdini: rop_node[].frames). Throws FormatException for a frame range
        /// it cannot read.
        /// </summary>
        public static EmuPlan Read(JsonElement root)
        {
            var plan = new EmuPlan();
            var info = Obj(root, "task_info") ?? root;
            plan.Scene = FileName(Str(info, "input_cg_file") ?? Str(info, "cg_file") ?? "");
            plan.FramesPerTask = Math.Max(1, Int(info, "frames_per_task") ?? 1);
            plan.CgId = Int(info, "cg_id")
                ?? (Str(Obj(root, "software_config") ?? default, "cg_name") is string name
                    && CgNames.TryGetValue(name.Trim(), out var id) ? id : (int?)null)
                ?? FromExtension(plan.Scene);
            var camera = Str(info, "camera") ?? Str(info, "render_camera") ?? "";
            if (Str(info, "frames") is string frames && frames.Trim().Length > 0)
                plan.Add(Str(info, "render_layer"), frames, camera);
            var scene = Obj(root, "scene_info_render") ?? Obj(root, "scene_info");
            if (plan.Passes.Count == 0 && scene.HasValue)
            {
                var s = scene.Value;
                if (Obj(s, "common") is JsonElement common && Str(common, "frames") is string f)
                    plan.Add(
                        null, f, FirstOf(common, "renderable_camera") ?? FirstOf(common, "render_camera") ?? camera);
                else if (s.TryGetProperty("rop_node", out var rops) && rops.ValueKind == JsonValueKind.Array)
                {
                    foreach (
                        var rop in rops.EnumerateArray().Where(
                        x => x.ValueKind == JsonValueKind.Object && Str(x, "render") != "0"))
                        if (Str(rop, "frames") is string rf) plan.Add(Str(rop, "node"), rf, camera);
                }
                else
                {
                    foreach (
                        var layer in s.EnumerateObject().Where(
                        p => p.Value.ValueKind == JsonValueKind.Object && Str(p.Value, "renderable") != "0"))
                        if (Obj(layer.Value, "common") is JsonElement lc && Str(lc, "frames") is string lf)
                            plan.Add(layer.Name, lf, FirstOf(lc, "render_camera") ?? camera);
                }
            }
            return plan;
        }

        private void Add(string? layer, string range, string camera)
            => Passes.Add(
                new EmuPass { Layer = string.IsNullOrWhiteSpace(layer) ? null : layer, Range = range.Trim(),
                Camera = camera, Frames = EmuFrameRange.Parse(range) });

        private static int FromExtension(string scene) => System.IO.Path.GetExtension(scene).ToLowerInvariant() switch
        {
            ".max" => 2001, ".hip" or ".hipnc" => 2004, ".c4d" => 2005, ".blend" => 2007, ".nk" => 2015, _ => 2000,
        };

        private static string FileName(string path) => path.Replace('\\', '/').Split('/').Last();

        private static JsonElement? Obj(JsonElement e, string name)
            => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
                && v.ValueKind == JsonValueKind.Object ? v : (JsonElement?)null;

        private static string? Str(JsonElement e, string name)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
            return v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            };
        }

        private static int? Int(JsonElement e, string name)
            => int.TryParse(Str(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
                : (int?)null;

        private static string? FirstOf(JsonElement e, string name)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Array) return v.EnumerateArray().Where(
                x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).FirstOrDefault();
            return v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
    }

    /// <summary>Frame lists as Renderbus writes them: "1,3,5", "1-20[2]", "1,20-30[2],494" (the step defaults to
    /// 1).</summary>
    internal static class EmuFrameRange
    {
        /// <summary>The frames of a range as the farm reads it (Core's parser: one reading of the syntax on both
        /// sides).</summary>
        public static List<int> Parse(string text)
        {
            try
            {
                return RenderbusPS.Core.Models.RbFrameRange.Parse(text ?? "").Frames().ToList();
            }
            catch (RenderbusPS.Core.RbValidationException ex)
            {
                throw new FormatException(ex.Message);
            }
        }

        /// <summary>The label of a group of frames one node renders: "7", or "2-4[1]".</summary>
        public static string Label(IReadOnlyList<int> group)
            => group.Count == 1 ? group[0].ToString(CultureInfo.InvariantCulture)
             : $"{group[0].ToString(CultureInfo.InvariantCulture)}-{group[group.Count - 1].ToString(CultureInfo.InvariantCulture)}[{(group[1] - group[0]).ToString(CultureInfo.InvariantCulture)}]";
    }
}
