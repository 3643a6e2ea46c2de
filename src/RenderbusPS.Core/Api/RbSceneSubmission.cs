using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// What <see cref="Api2SubmitApi"/> submits: the scenes' software and the render settings of its create action
    /// (API2-NOTES §2.1.1). A setting the action's table does not have is refused, never silently dropped.
    /// </summary>
    internal sealed class RbSceneSubmission
    {
        public RbSceneSoftware Software { get; set; }
        public string? Project { get; set; }
        /// <summary>The software and version as the farm names it (<c>cg_soft_name</c>, e.g. "maya 2015").</summary>
        public string? SoftwareName { get; set; }
        public RbFrameRange? Frame { get; set; }
        public IReadOnlyList<string>? Plugin { get; set; }
        public int? Priority { get; set; }
        public string? Remark { get; set; }
        public string? SubmitAccount { get; set; }
        public string? Artist { get; set; }
        public IReadOnlyList<int>? PriorityFrame { get; set; }
        public bool StopAfterPriorityFrame { get; set; }
        public TimeSpan? TimeoutStop { get; set; }
        public string? Camera { get; set; }
        public string? RenderLayer { get; set; }
        /// <summary>Maya's <c>kg</c> (render type); its values are not documented.</summary>
        public string? RenderType { get; set; }
        public string? OutputName { get; set; }
        public string? OutputFormat { get; set; }
        public string? Environment { get; set; }
        public int? Width { get; set; }
        public int? Height { get; set; }
        public bool MultiPass { get; set; }
        public bool SubmitStopped { get; set; }
        public string? Page { get; set; }
        public bool Animation { get; set; }
        public int? TotalFrames { get; set; }
        public int? TotalTime { get; set; }
        public bool NoVRay { get; set; }
        public int? MachineCount { get; set; }
        public IReadOnlyList<RbHoudiniNode>? Node { get; set; }

        /// <summary>The create action of the software.</summary>
        public RbApi2Action Action => ActionOf(Software);

        public static RbApi2Action ActionOf(RbSceneSoftware software) => software switch
        {
            RbSceneSoftware.Max => RbApi2Catalog.CreateMaxTask,
            RbSceneSoftware.SketchUp => RbApi2Catalog.CreateSketchUpTask,
            RbSceneSoftware.VRayStandalone => RbApi2Catalog.CreateVRStandaloneTask,
            RbSceneSoftware.Houdini => RbApi2Catalog.CreateHoudiniTask,
            RbSceneSoftware.Blender => RbApi2Catalog.CreateBlenderTask,
            _ => RbApi2Catalog.CreateTask,
        };

        // the fields of each action's table (M Maya, X Max, S SketchUp, V V-Ray Standalone, H Houdini, B Blender)
        private static readonly Dictionary<string, string> Tables = new Dictionary<string, string>
        {
            ["submit_account"] = "MXSVB", ["frames"] = "MXVB", ["multi_pass"] = "MV", ["kg"] = "M",
            ["output_file_name"] = "MXV", ["output_file_format"] = "MXSV", ["image_width"] = "MXSV",
            ["image_height"] = "MXSV", ["timeout"] = "MX", ["plugin_name"] = "MSVHB", ["camera"] = "MX",
            ["render_layer"] = "M", ["first_frames"] = "MVHB", ["after_first_render"] = "MVHB", ["artist"] = "MVHB",
            ["submit_type"] = "M", ["environments"] = "MXSVH", ["use_vary"] = "S", ["page_name"] = "S",
            ["render_type"] = "S", ["total_frame"] = "S", ["total_time"] = "S", ["limitHosts"] = "V",
            ["layer_list"] = "H",
        };

        private static char Letter(RbSceneSoftware software) => "MXSVHB"[(int)software];

        /// <summary>True when the software's create action has the field.</summary>
        public static bool Has(RbSceneSoftware software, string field)
            => !Tables.TryGetValue(field, out var letters) || letters.IndexOf(Letter(software)) >= 0;

        /// <summary>The family word a software name of each kind holds (letters only, lower case).</summary>
        private static readonly string[][] Families =
        {
            new[] { "maya" }, new[] { "max" }, new[] { "sketchup" }, new[] { "vray", "vrscene" }, new[] { "houdini" },
            new[] { "blender" },
        };

        /// <summary>
        /// The body of the create action for <paramref name="paths"/>, every value checked as the document allows
        /// (the service's own error ids for the same failures, Rb.InvalidFrameRange for frames); nothing is sent.
        /// </summary>
        public RbBody ToBody(IReadOnlyList<string> paths)
        {
            var b = new RbBody();
            Put(b, "submit_account", RbSceneRules.Text(SubmitAccount, "SubmitAccount", 64), "SubmitAccount");
            b.Add("project_name", RbSceneRules.Required(Project, "Project", 64));
            b.Add("input_scene_path", string.Join(",", paths));
            b.Add("cg_soft_name", CheckSoftwareName());
            var needsFrames = Software == RbSceneSoftware.Maya || Software == RbSceneSoftware.VRayStandalone
                || Software == RbSceneSoftware.Blender;
            if (needsFrames && Frame == null) throw RbSceneRules.Missing("Frame",
                $"{Name} scenes need -Frame (the frames to render, e.g. 1-100).");
            Put(b, "frames", Frame == null ? null : RbSceneRules.Frames(Frame, "Frame"), "Frame");
            Put(b, "multi_pass", MultiPass ? "1" : null, "MultiPass");
            Put(b, "kg", RbSceneRules.Text(RenderType, "RenderType", 64), "RenderType");
            Put(b, "output_file_name", RbSceneRules.Text(OutputName, "OutputName", 64), "OutputName");
            Put(b, "output_file_format", RbSceneRules.Text(OutputFormat, "OutputFormat", 64), "OutputFormat");
            if (Software == RbSceneSoftware.SketchUp && (Width == null || Height == null))
                throw RbSceneRules.Missing(Width == null ? "Width" : "Height",
                    "SketchUp scenes need -Width and -Height (the image size in pixels).");
            Put(b, "image_width", RbSceneRules.Positive(Width, "Width"), "Width");
            Put(b, "image_height", RbSceneRules.Positive(Height, "Height"), "Height");
            Put(b, "timeout", TimeoutStop.HasValue ? Hours(TimeoutStop.Value) : null, "TimeoutStop");
            Put(b, "plugin_name", RbSceneRules.List(Plugin, "Plugin", 512), "Plugin");
            Put(b, "camera", RbSceneRules.Text(Camera, "Camera", 64), "Camera");
            Put(b, "render_layer", RbSceneRules.Text(RenderLayer, "RenderLayer", 64), "RenderLayer");
            b.Add("user_remark", RbSceneRules.Text(Remark, "Remark", 0));
            PutPriorityFrames(b);
            Put(b, "artist", RbSceneRules.Text(Artist, "Artist", 0), "Artist");
            Put(b, "submit_type", SubmitStopped ? "1" : null, "SubmitStopped");
            Put(b, "environments", RbSceneRules.Text(Environment, "Environment",
                Software == RbSceneSoftware.Houdini ? 512 : 0), "Environment");
            b.Add("priority", RbSceneRules.NotNegative(Priority, "Priority"));
            if (Software == RbSceneSoftware.SketchUp) PutSketchUp(b);
            else if (Animation || NoVRay || Page != null || TotalFrames != null || TotalTime != null)
                throw RbSceneRules.NotForSoftware(Animation ? "Animation" : NoVRay ? "NoVRay" : Page != null ? "Page"
                    : TotalFrames != null ? "TotalFrames" : "TotalTime", this);
            Put(b, "limitHosts", RbSceneRules.Positive(MachineCount, "MachineCount"), "MachineCount");
            if (Software == RbSceneSoftware.Houdini) b.Add("layer_list", RbSceneRules.Nodes(Node));
            else if (Node != null) throw RbSceneRules.NotForSoftware("Node", this);
            return b;
        }

        /// <summary>How the software is named in messages.</summary>
        public string Name => Software switch
        {
            RbSceneSoftware.Max => "3ds Max",
            RbSceneSoftware.VRayStandalone => "V-Ray Standalone",
            _ => Software.ToString(),
        };

        private void Put(RbBody body, string field, object? value, string parameter)
        {
            if (value == null) return;
            if (!Has(Software, field)) throw RbSceneRules.NotForSoftware(parameter, this);
            body.Add(field, value);
        }

        private string CheckSoftwareName()
        {
            var name = RbSceneRules.Required(SoftwareName, "Software", 64);
            var letters = new string(name.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
            if (!Families[(int)Software].Any(f => letters.Contains(f)))
                throw RbSceneRules.SoftwareMismatch.Error(
                    $"-Software '{name}' is not a {Name} version, but these scenes are submitted as {Name} scenes "
                    + $"({Action.Name}).", name);
            return name;
        }

        private void PutPriorityFrames(RbBody b)
        {
            if (PriorityFrame == null || PriorityFrame.Count == 0)
            {
                if (StopAfterPriorityFrame) throw RbSceneRules.PriorityFrames.Error(
                    "-StopAfterPriorityFrame needs -PriorityFrame (the frames to render first).");
                return;
            }
            var bad = PriorityFrame.Where(f => f < 0).ToList();
            if (bad.Count > 0) throw RbSceneRules.PriorityFrames.Error(
                $"-PriorityFrame {bad[0]} is not a frame: frames are 0 or more.", bad[0]);
            Put(b, "first_frames", string.Join(",", PriorityFrame.Distinct().Select(Text)), "PriorityFrame");
            // without after_first_render the farm renders no frame first (API2-NOTES §5 #21)
            Put(b, "after_first_render", StopAfterPriorityFrame ? "stop" : "fullSpeed", "PriorityFrame");
        }

        private void PutSketchUp(RbBody b)
        {
            b.Add("use_vary", NoVRay ? "0" : "1");
            b.Add("page_name", Page == null ? throw RbSceneRules.Missing("Page",
                "SketchUp scenes need -Page (the scene tab of the model to render).")
                : RbSceneRules.Required(Page, "Page", 64));
            b.Add("render_type", Animation ? "1" : "2");
            if (!Animation && (TotalFrames != null || TotalTime != null)) throw RbSceneRules.AnimationOnly.Error(
                "-TotalFrames and -TotalTime describe an animation: add -Animation, or leave them out for a still.");
            b.Add("total_frame", RbSceneRules.Positive(TotalFrames, "TotalFrames"));
            b.Add("total_time", RbSceneRules.Positive(TotalTime, "TotalTime"));
        }

        /// <summary>The time-out in hours, as the wire has it (a float sent as text).</summary>
        private static string Hours(TimeSpan timeout)
            => (RbInputRules.CheckTimeoutStop(timeout) / 3600.0).ToString("0.######", CultureInfo.InvariantCulture);

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
