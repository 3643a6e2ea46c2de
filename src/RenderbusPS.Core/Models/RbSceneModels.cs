using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>The software of a scene submitted over API 2.0: each has its own create action and fields.</summary>
    internal enum RbSceneSoftware
    {
        /// <summary>create_task</summary>
        Maya,
        /// <summary>create_max_task</summary>
        Max,
        /// <summary>create_sketchup_task</summary>
        SketchUp,
        /// <summary>create_vrstandalone_task</summary>
        VRayStandalone,
        /// <summary>create_houdini_task</summary>
        Houdini,
        /// <summary>create_blender_task</summary>
        Blender,
    }

    /// <summary>
    /// One ROP node of a Houdini scene to render or simulate, with its own frames (an item of create_houdini_task's
    /// <c>layer_list</c>). Made from a hashtable such as <c>@{ Node = '/out/mantra1'; Frames = '1-20' }</c>; what
    /// is wrong with one is kept in <see cref="Problem"/> and reported, before anything is sent, as
    /// <c>Rb.InvalidHoudiniNode</c>. Internal: Core exports only what a C# user needs.
    /// </summary>
    internal sealed class RbHoudiniNode
    {
        public RbHoudiniNode()
        {
        }

        public RbHoudiniNode(string node, string frames, bool simulate = false)
        {
            Node = node;
            Frames = frames;
            Simulate = simulate;
        }

        /// <summary>The node's path, e.g. <c>/out/mantra1</c> (the wire's <c>layerName</c>).</summary>
        public string? Node { get; set; }

        /// <summary>Its frames, as in <c>1-240[1]</c>.</summary>
        public string? Frames { get; set; }

        /// <summary>True for a simulation (cache) node; false renders it (the wire's <c>option</c> -1).</summary>
        public bool Simulate { get; set; }

        /// <summary>Why the value given is not a node, or null.</summary>
        public string? Problem { get; private set; }

        /// <summary>The keys a node's hashtable takes (and their aliases).</summary>
        public static readonly IReadOnlyList<string> Keys = new[] { "Node", "Frames", "Simulate" };

        private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(
            StringComparer.OrdinalIgnoreCase)
        {
            ["Node"] = "Node", ["LayerName"] = "Node", ["Rop"] = "Node", ["Name"] = "Node",
            ["Frames"] = "Frames", ["Frame"] = "Frames", ["FrameRange"] = "Frames",
            ["Simulate"] = "Simulate", ["Simulation"] = "Simulate",
        };

        /// <summary>
        /// A node from a hashtable (keys <c>Node</c>, <c>Frames</c>, <c>Simulate</c>; <c>LayerName</c>, <c>Rop</c>,
        /// <c>Frame</c> also work) or a node itself. Never throws: a bad value gives a node whose
        /// <see cref="Problem"/> says what is wrong.
        /// </summary>
        public static RbHoudiniNode From(object? value)
        {
            if (value is RbHoudiniNode node) return node;
            var result = new RbHoudiniNode();
            if (!(value is IDictionary table))
            {
                result.Problem = $"'{value}' is not a node: give a hashtable such as @{{ Node = '/out/mantra1'; "
                    + "Frames = '1-20' }";
                return result;
            }
            foreach (DictionaryEntry entry in table)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                if (!Aliases.TryGetValue(key, out var name))
                {
                    result.Problem = $"'{key}' is not a key of a node; the keys are {string.Join(", ", Keys)}";
                    return result;
                }
                var text = Convert.ToString(entry.Value, CultureInfo.InvariantCulture);
                if (name == "Node") result.Node = text;
                else if (name == "Frames") result.Frames = text;
                else if (!TryFlag(entry.Value, out var simulate))
                {
                    result.Problem = $"Simulate '{text}' is not $true or $false";
                    return result;
                }
                else result.Simulate = simulate;
            }
            return result;
        }

        private static bool TryFlag(object? value, out bool flag)
        {
            switch (value)
            {
                case bool b: flag = b; return true;
                case int i when i == 0 || i == 1: flag = i == 1; return true;
                default:
                    var text = Convert.ToString(value, CultureInfo.InvariantCulture);
                    return bool.TryParse(text, out flag);
            }
        }

        public override string ToString() => $"{Node} {Frames}" + (Simulate ? " (simulate)" : "");
    }

    /// <summary>An item of a create action's answer: one scene's task (API2-NOTES §2.1.3).</summary>
    internal sealed class RbApi2Created
    {
        [JsonPropertyName("task_id")] public long? TaskId { get; set; }
        [JsonPropertyName("submit_result")] public string? Result { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("task_status")] public string? Status { get; set; }
    }
}
