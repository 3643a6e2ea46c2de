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
    /// The checks of a scene submission over API 2.0, made before anything is sent. A value the service would refuse
    /// gets the id the service's refusal gets (Rb.FieldEmpty 1020, Rb.FieldValueIllegal 1022, Rb.FieldTooLong 1023,
    /// Rb.FieldIllegalCharacters 1024), so a script catches one id whichever side refused.
    /// </summary>
    internal static class RbSceneRules
    {
        public static readonly RbInputRule Empty = new RbInputRule("Rb.FieldEmpty", "Project",
            "A value the create action requires is missing or blank.",
            "Give the parameter the message names.");

        public static readonly RbInputRule TooLong = new RbInputRule("Rb.FieldTooLong", "Project",
            "A value is longer than the document allows (a character outside ASCII counts 2).",
            "Shorten the value the message names.");

        public static readonly RbInputRule IllegalCharacters = new RbInputRule("Rb.FieldIllegalCharacters", "Project",
            "A value holds a control character (a line break, tab or NUL).",
            "Remove the line break or tab from the value the message names.");

        public static readonly RbInputRule IllegalValue = new RbInputRule("Rb.FieldValueIllegal", "Project",
            "A value is outside what the create action takes.",
            "Correct the value the message names.");

        public static readonly RbInputRule SoftwareMismatch = new RbInputRule("Rb.SoftwareMismatch", "Software",
            "-Software names a version of the software the scenes are submitted as (-Maya: 'maya 2015').",
            "Give a version of that software (Get-RbSoftware lists them), or submit with the switch of the "
            + "software the name is a version of (-Maya, -Max, -SketchUp, -VRayStandalone, -Houdini, -Blender).");

        public static readonly RbInputRule NotForSoftwareRule = new RbInputRule("Rb.NotForSoftware", "Software",
            "The create action of that software has no such setting (API2-NOTES §2.1.1).",
            "Leave the parameter out: Get-Help Submit-RbScene shows the parameters of each software.");

        public static readonly RbInputRule PriorityFrames = new RbInputRule("Rb.InvalidPriorityFrame",
            "PriorityFrame", "-PriorityFrame is a list of frames (0 or more) to render first.",
            "Give frames such as -PriorityFrame 1,50,100; add -StopAfterPriorityFrame only with them.");

        public static readonly RbInputRule AnimationOnly = new RbInputRule("Rb.FieldValueIllegal", "TotalFrames",
            "-TotalFrames and -TotalTime are for SketchUp animations.", "Add -Animation, or leave them out.");

        public static readonly RbInputRule HoudiniNode = new RbInputRule("Rb.InvalidHoudiniNode", "Node",
            "A Houdini node is a ROP path with its frames: @{ Node = '/out/mantra1'; Frames = '1-20' } "
            + "(Simulate = $true for a simulation node).",
            "Give each node as a hashtable with Node and Frames, e.g. -Node @{ Node = '/out/mantra1'; Frames = "
            + "'1-20' }.");

        public static readonly RbInputRule ScenePath = new RbInputRule("Rb.InvalidScenePath", "Path",
            "A scene path is the uploaded scene's path on the farm (D/maya/zulu.mb), at most 512 long, with no comma "
            + "(commas separate paths on the wire).",
            "Give one path per scene, as uploaded (D:\\maya\\zulu.mb is written D/maya/zulu.mb).");

        /// <summary>The length the document counts: a character outside ASCII (a Chinese one) counts 2.</summary>
        public static int LengthOf(string text) => text.Sum(c => c < 0x80 ? 1 : 2);

        /// <summary>Text as sent (trimmed), or null when not given; checked for control characters and
        /// length.</summary>
        public static string? Text(string? text, string parameter, int max)
        {
            if (text == null) return null;
            var t = text.Trim();
            if (t.Length == 0) throw Missing(parameter, $"-{parameter} is blank.");
            if (t.Any(char.IsControl)) throw IllegalCharacters.Error(parameter,
                $"-{parameter} '{Shown(t)}' holds a control character (a line break, tab or NUL; shown as ?).", text);
            if (max > 0 && LengthOf(t) > max) throw TooLong.Error(parameter,
                $"-{parameter} '{Shown(t)}' is {LengthOf(t)} long; at most {max} are allowed (a character outside "
                + "ASCII counts 2).", text);
            return t;
        }

        /// <summary>Text that must be given.</summary>
        public static string Required(string? text, string parameter, int max)
            => Text(text, parameter, max) ?? throw Missing(parameter, $"-{parameter} is required.");

        public static RbValidationException Missing(string parameter, string message)
            => Empty.Error(parameter, message + " Nothing was sent.", null);

        /// <summary>A comma list (plugins): each item text without a comma, the whole within
        /// <paramref name="max"/>.</summary>
        public static string? List(IReadOnlyList<string>? items, string parameter, int max)
        {
            if (items == null || items.Count == 0) return null;
            var checkedItems = items.Select(i => Text(i, parameter, 0)!).ToList();
            var comma = checkedItems.FirstOrDefault(i => i.Contains(","));
            if (comma != null) throw IllegalValue.Error(parameter,
                $"-{parameter} '{comma}' holds a comma; give several as a list (-{parameter} 'a 1.0', 'b 2.0').",
                comma);
            return Text(string.Join(",", checkedItems), parameter, max);
        }

        public static string? Positive(int? value, string parameter)
        {
            if (value == null) return null;
            if (value < 1) throw IllegalValue.Error(parameter, $"-{parameter} {value} is not 1 or more.", value);
            return value.Value.ToString(CultureInfo.InvariantCulture);
        }

        public static string? NotNegative(int? value, string parameter)
        {
            if (value == null) return null;
            if (value < 0) throw IllegalValue.Error(parameter, $"-{parameter} {value} is not 0 or more.", value);
            return value.Value.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>A frame range by ConvertFrom-RbFrameRange's rules, at most 64 long on the wire.</summary>
        public static string Frames(RbFrameRange range, string parameter)
        {
            range.Check(parameter);
            return Text(range.Text, parameter, 64)!;
        }

        /// <summary>Houdini's layer_list: each node checked (path, frames), in the order given.</summary>
        public static List<RbBody> Nodes(IReadOnlyList<RbHoudiniNode>? nodes)
        {
            if (nodes == null || nodes.Count == 0) throw Missing("Node",
                "Houdini scenes need -Node (the ROP nodes to render, each with its frames).");
            var list = new List<RbBody>();
            foreach (var node in nodes)
            {
                if (node == null || node.Problem != null)
                    throw HoudiniNode.Error(node?.Problem ?? "A node is null.", node);
                if (string.IsNullOrWhiteSpace(node.Node) || string.IsNullOrWhiteSpace(node.Frames))
                    throw HoudiniNode.Error(
                        $"The node '{node}' needs both Node (its ROP path) and Frames.", node);
                RbFrameRange frames;
                try
                {
                    frames = RbFrameRange.Parse(node.Frames!, "Node");
                }
                catch (RbValidationException bad)
                {
                    throw HoudiniNode.Error($"The frames of node {node.Node}: {bad.Message}", node);
                }
                list.Add(new RbBody().Add("frames", Text(frames.Text, "Node", 64))
                    .Add("layerName", Text(node.Node, "Node", 512))
                    .Add("option", node.Simulate ? "0" : "-1"));
            }
            return list;
        }

        /// <summary>
        /// A scene path as sent: trimmed, not blank, no comma or control character, at most 512 long. A local
        /// Windows path is written as the farm keeps it: D:\maya\zulu.mb is D/maya/zulu.mb.
        /// </summary>
        public static string Path(string? path)
        {
            var t = (path ?? "").Trim().Replace('\\', '/');
            if (t.Length >= 2 && t[1] == ':' && char.IsLetter(t[0])) t = t.Substring(0, 1) + t.Substring(2);
            if (t.Length == 0) throw ScenePath.Error("A scene path is empty.", path);
            if (t.Contains(",") || t.Any(char.IsControl) || LengthOf(t) > 512)
                throw ScenePath.Error($"'{Shown(t)}' is not a scene path: "
                    + (t.Contains(",") ? "it holds a comma, which separates paths on the wire."
                        : t.Any(char.IsControl) ? "it holds a control character (shown as ?)."
                        : $"it is {LengthOf(t)} long; at most 512 are allowed (a character outside ASCII counts 2)."),
                    path);
            return t;
        }

        public static RbValidationException NotForSoftware(string parameter, RbSceneSubmission s)
            => NotForSoftwareRule.Error(parameter,
                $"-{parameter} is not a setting of {s.Name} scenes ({s.Action.Name} has no such field); nothing was "
                + "sent.", parameter);

        /// <summary>The error of <paramref name="rule"/> naming <paramref name="parameter"/>.</summary>
        private static RbValidationException Error(this RbInputRule rule, string parameter, string message,
            object? target)
            => new RbValidationException(rule.ErrorId, message, parameter, rule.Action, target);

        private static string Shown(string t)
        {
            var shown = t.Length > 40 ? t.Substring(0, 40) + "..." : t;
            return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        }
    }
}
