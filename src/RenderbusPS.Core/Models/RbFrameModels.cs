using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>Frame counts of the whole account by status (<c>queryAllFrameStats</c>).</summary>
    public sealed class RbFrameSummary
    {
        /// <summary>Frames waiting for a node (<c>waitingFramesTotal</c>).</summary>
        [JsonPropertyName("waitingFramesTotal")]
        public int WaitingFrames { get; set; }
        /// <summary>Frames rendering now (<c>executingFramesTotal</c>).</summary>
        [JsonPropertyName("executingFramesTotal")]
        public int ExecutingFrames { get; set; }
        [JsonPropertyName("doneFramesTotal")]
        public int DoneFrames { get; set; }
        [JsonPropertyName("failedFramesTotal")]
        public int FailedFrames { get; set; }
        /// <summary>Stopped or abandoned frames (<c>abandonFramesTotal</c>; older services leave it out).</summary>
        [JsonPropertyName("abandonFramesTotal")]
        public int AbortedFrames { get; set; }
        [JsonPropertyName("totalFrames")]
        public int TotalFrames { get; set; }
        /// <summary>Done frames as a percentage of all frames.</summary>
        public double Progress => TotalFrames > 0 ? Math.Round(100.0 * DoneFrames / TotalFrames, 1) : 0;
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString()
            => string.Format(
                CultureInfo.InvariantCulture, "{0} of {1} frames done, {2} rendering, {3} waiting, {4} failed",
                DoneFrames, TotalFrames, ExecutingFrames, WaitingFrames, FailedFrames);
    }

    /// <summary>One thumbnail of a finished frame (<c>loadingFrameThumbnail</c>).</summary>
    public sealed class RbFrameThumbnail
    {
        [RbKey(RbKind.Frame)]
        public long FrameId { get; set; }
        /// <summary>The path or address exactly as the service gave it.</summary>
        public string Path { get; set; } = "";
        /// <summary>The image's file name (the last part of <see cref="Path"/>).</summary>
        public string FileName { get; set; } = "";
        /// <summary>An http(s) address the image can be downloaded from, or null when the service gave a path on the
        /// farm's storage.</summary>
        public Uri? Url { get; set; }
        /// <summary>Where -OutFile saved the image, else null.</summary>
        public string? SavedTo { get; set; }

        public override string ToString() => SavedTo ?? Path;

        internal static RbFrameThumbnail FromWire(long frameId, string path)
        {
            var trimmed = path.Trim();
            Uri? url = Uri.TryCreate(trimmed, UriKind.Absolute, out var u) && (
                u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u : null;
            var name = url != null ? Uri.UnescapeDataString(url.Segments[url.Segments.Length - 1]) : trimmed;
            var slash = name.LastIndexOfAny(new[] { '/', '\\' });
            if (slash >= 0) name = name.Substring(slash + 1);
            return new RbFrameThumbnail { FrameId = frameId, Path = trimmed, FileName = name, Url = url };
        }
    }

    /// <summary>One line of a frame's render log.</summary>
    public sealed class RbFrameLogLine
    {
        public RbFrameLogLine(long frameId, long? lineNumber, string text)
        {
            FrameId = frameId;
            LineNumber = lineNumber;
            Text = text;
        }

        public long FrameId { get; }
        /// <summary>1-based line number; null when -Tail skipped pages, so the position is not known.</summary>
        public long? LineNumber { get; }
        public string Text { get; }

        public override string ToString() => Text;
    }

    /// <summary>What frame numbers (<c>-FrameIndex</c>) matched in a task's frame list.</summary>
    internal sealed class RbFrameIndexMatch
    {
        public RbFrameIndexMatch(IReadOnlyList<RbFrame> frames, IReadOnlyList<int> missing)
        {
            Frames = frames;
            Missing = missing;
        }

        /// <summary>Frames whose label names one of the frame numbers asked for (a block label such as 2-4[1] matches
        /// 2, 3 and 4).</summary>
        public IReadOnlyList<RbFrame> Frames { get; }
        /// <summary>Frame numbers asked for that no frame of the task renders.</summary>
        public IReadOnlyList<int> Missing { get; }
    }
}
