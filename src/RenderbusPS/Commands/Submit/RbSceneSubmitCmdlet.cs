using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Submit
{
    /// <summary>
    /// The parameters of Submit-RbScene and the submission they make. Each belongs to the parameter sets of the
    /// software whose create action has its field (API2-NOTES §2.1.1), so PowerShell offers and accepts only what the
    /// action takes; the set's name is the software.
    /// </summary>
    public abstract class RbSceneSubmitCmdlet : RbSessionCmdlet
    {
        /// <summary>Submit Maya scenes (the default).</summary>
        [Parameter(ParameterSetName = "Maya")]
        public SwitchParameter Maya { get; set; }

        /// <summary>Submit Max scenes (its own create action).</summary>
        [Parameter(ParameterSetName = "Max")]
        public SwitchParameter Max { get; set; }

        /// <summary>Submit SketchUp scenes (its own create action).</summary>
        [Parameter(ParameterSetName = "SketchUp")]
        public SwitchParameter SketchUp { get; set; }

        /// <summary>Submit VRayStandalone scenes (its own create action).</summary>
        [Parameter(ParameterSetName = "VRayStandalone")]
        public SwitchParameter VRayStandalone { get; set; }

        /// <summary>Submit Houdini scenes (its own create action).</summary>
        [Parameter(ParameterSetName = "Houdini")]
        public SwitchParameter Houdini { get; set; }

        /// <summary>Submit Blender scenes (its own create action).</summary>
        [Parameter(ParameterSetName = "Blender")]
        public SwitchParameter Blender { get; set; }

        /// <summary>The project the scenes were uploaded to; its name must match exactly.</summary>
        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Project { get; set; } = "";

        /// <summary>The uploaded scenes' paths on the farm (D/maya/zulu.mb; D:\maya\zulu.mb is read so): one task
        /// each. Strings can be piped in.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public RbScenePath[] Path { get; set; } = Array.Empty<RbScenePath>();

        /// <summary>The software and version as the farm names it, e.g. 'maya 2015' or 'blender 2.78c'.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Software { get; set; } = "";

        /// <summary>The tasks' priority (a whole number, 0 or more).</summary>
        [Parameter]
        public int? Priority { get; set; }

        /// <summary>A remark shown on the tasks.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Remark { get; set; }

        /// <summary>The frames to render: 1-100, 1-100[2] or 1,20-30[2],494 (as ConvertFrom-RbFrameRange).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(Mandatory = true, ParameterSetName = "VRayStandalone")]
        [Parameter(Mandatory = true, ParameterSetName = "Blender")]
        public RbFrameRange? Frame { get; set; }

        /// <summary>Plugins with their versions (several allowed), e.g. 'vray 3.10.01'.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "SketchUp")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [Parameter(ParameterSetName = "Houdini")]
        [Parameter(ParameterSetName = "Blender")]
        [ValidateNotNullOrEmpty]
        public string[]? Plugin { get; set; }

        /// <summary>The account the tasks are submitted as (main or sub); the session's by default.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(ParameterSetName = "SketchUp")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [Parameter(ParameterSetName = "Blender")]
        [ValidateNotNullOrEmpty]
        public string? SubmitAccount { get; set; }

        /// <summary>The producer shown on the tasks.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [Parameter(ParameterSetName = "Houdini")]
        [Parameter(ParameterSetName = "Blender")]
        [ValidateNotNullOrEmpty]
        public string? Artist { get; set; }

        /// <summary>Frames rendered first (on at most three machines), to check before the rest renders.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [Parameter(ParameterSetName = "Houdini")]
        [Parameter(ParameterSetName = "Blender")]
        public int[]? PriorityFrame { get; set; }

        /// <summary>Stop the tasks once the -PriorityFrame frames are done (else the rest renders at once).</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [Parameter(ParameterSetName = "Houdini")]
        [Parameter(ParameterSetName = "Blender")]
        public SwitchParameter StopAfterPriorityFrame { get; set; }

        /// <summary>A frame rendering longer than this stops the task (seconds or a TimeSpan).</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [RbSeconds]
        public TimeSpan? TimeoutStop { get; set; }

        /// <summary>The camera to render.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [ValidateNotNullOrEmpty]
        public string? Camera { get; set; }

        /// <summary>The render layer to render.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [ValidateNotNullOrEmpty]
        public string? RenderLayer { get; set; }

        /// <summary>Maya's render type (the wire's kg); its values are not documented.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [ValidateNotNullOrEmpty]
        public string? RenderType { get; set; }

        /// <summary>The output files' name (the scene's name when left out).</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [ValidateNotNullOrEmpty]
        public string? OutputName { get; set; }

        /// <summary>The output format; it must fit the renderer.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(ParameterSetName = "SketchUp")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [ValidateNotNullOrEmpty]
        public string? OutputFormat { get; set; }

        /// <summary>The image width in pixels.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(Mandatory = true, ParameterSetName = "SketchUp")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        public int? Width { get; set; }

        /// <summary>The image height in pixels.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(Mandatory = true, ParameterSetName = "SketchUp")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        public int? Height { get; set; }

        /// <summary>Render the passes (channels) too.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        public SwitchParameter MultiPass { get; set; }

        /// <summary>Submit the tasks stopped: nothing renders (or bills) until they are started.</summary>
        [Parameter(ParameterSetName = "Maya")]
        public SwitchParameter SubmitStopped { get; set; }

        /// <summary>System environment variables for the render, as the farm takes them.</summary>
        [Parameter(ParameterSetName = "Maya")]
        [Parameter(ParameterSetName = "Max")]
        [Parameter(ParameterSetName = "SketchUp")]
        [Parameter(ParameterSetName = "VRayStandalone")]
        [Parameter(ParameterSetName = "Houdini")]
        [ValidateNotNullOrEmpty]
        public string? Environment { get; set; }

        /// <summary>The scene tab (page) of the SketchUp model to render.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "SketchUp")]
        [ValidateNotNullOrEmpty]
        public string? Page { get; set; }

        /// <summary>Render an animation (a still image when left out).</summary>
        [Parameter(ParameterSetName = "SketchUp")]
        public SwitchParameter Animation { get; set; }

        /// <summary>The frames of the animation.</summary>
        [Parameter(ParameterSetName = "SketchUp")]
        public int? TotalFrames { get; set; }

        /// <summary>The length of the animation, as the farm counts it (the document gives no unit).</summary>
        [Parameter(ParameterSetName = "SketchUp")]
        public int? TotalTime { get; set; }

        /// <summary>Render without V-Ray.</summary>
        [Parameter(ParameterSetName = "SketchUp")]
        public SwitchParameter NoVRay { get; set; }

        /// <summary>Machines one frame is distributed over (2 or more distributes it).</summary>
        [Parameter(ParameterSetName = "VRayStandalone")]
        public int? MachineCount { get; set; }

        /// <summary>The ROP nodes, each with its frames: @{ Node = '/out/mantra1'; Frames = '1-20' } (Simulate =
        /// $true for a simulation node).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Houdini")]
        [RbHoudiniNode]
        public object[]? Node { get; set; }

        /// <summary>What the parameters ask for: the software is the parameter set's.</summary>
        private protected RbSceneSubmission Submission() => new RbSceneSubmission
        {
            Software = (RbSceneSoftware)Enum.Parse(typeof(RbSceneSoftware), ParameterSetName),
            Project = Project, SoftwareName = Software, Frame = Frame, Plugin = Plugin, Priority = Priority,
            Remark = Remark, SubmitAccount = SubmitAccount, Artist = Artist, PriorityFrame = PriorityFrame,
            StopAfterPriorityFrame = StopAfterPriorityFrame, TimeoutStop = TimeoutStop, Camera = Camera,
            RenderLayer = RenderLayer, RenderType = RenderType, OutputName = OutputName, OutputFormat = OutputFormat,
            Environment = Environment, Width = Width, Height = Height, MultiPass = MultiPass,
            SubmitStopped = SubmitStopped, Page = Page, Animation = Animation, TotalFrames = TotalFrames,
            TotalTime = TotalTime, NoVRay = NoVRay, MachineCount = MachineCount,
            Node = Node?.Select(RbHoudiniNode.From).ToList(),
        };
    }
}
