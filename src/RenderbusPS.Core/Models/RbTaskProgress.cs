using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The progress grid of a task (loadTaskProcessImg): one row per frame, one block per tile of it.
    /// </summary>
    public sealed class RbTaskProgress : IJsonOnDeserialized
    {
        [RbKey(RbKind.Task)]
        [JsonIgnore]
        public long TaskId { get; set; }
        /// <summary>Scene and camera (<c>sceneName</c>).</summary>
        [JsonPropertyName("sceneName")]
        public string? SceneName { get; set; }
        /// <summary>Render (main image) or RenderPhoton (<c>currentTaskType</c>).</summary>
        [JsonPropertyName("currentTaskType")]
        public string? CurrentType { get; set; }
        [JsonPropertyName("isRenderPhoton")]
        public bool IsRenderPhoton { get; set; }
        [JsonPropertyName("width")]
        public int? Width { get; set; }
        [JsonPropertyName("height")]
        public int? Height { get; set; }
        /// <summary>Tiles per frame (<c>block</c>).</summary>
        [JsonIgnore]
        public int BlocksPerFrame { get; set; } = 1;
        [JsonPropertyName("startTime")]
        public DateTimeOffset? StartedAt { get; set; }
        [JsonIgnore]
        public DateTimeOffset? CompletedAt { get; set; }
        [JsonIgnore]
        public IReadOnlyList<RbProgressBlock> Blocks { get; set; } = Array.Empty<RbProgressBlock>();
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        /// <summary>Blocks that are finished.</summary>
        public int DoneBlocks => Blocks.Count(b => b.Status == RbFrameStatus.Finished);

        /// <summary>The symbols <see cref="ToText"/> uses, and what they mean.</summary>
        public const string Legend = "■ finished  ▒ rendering  □ waiting  X failed or timed out  - stopped";

        public static char Symbol(RbFrameStatus status) => status switch
        {
            RbFrameStatus.Finished => '■',
            RbFrameStatus.Rendering => '▒',
            RbFrameStatus.Failed or RbFrameStatus.TimedOut => 'X',
            RbFrameStatus.Stopped => '-',
            _ => '□',
        };

        /// <summary>
        /// The grid as text: a header line, one line per row ("frame 1001  ■■▒□") and the legend.
        /// </summary>
        public IReadOnlyList<string> ToText()
        {
            var lines = new List<string>
            {
                $"Task {TaskId.ToString(CultureInfo.InvariantCulture)} {SceneName} ({CurrentType}): "
                + $"{DoneBlocks}/{Blocks.Count} blocks finished",
            };
            var rows = Blocks.GroupBy(b => b.Row).OrderBy(g => g.Key).ToList();
            var width = rows.Select(r => (r.First().FrameIndex ?? "").Length).DefaultIfEmpty(1).Max();
            foreach (var row in rows)
            {
                var text = new StringBuilder();
                foreach (var b in row.OrderBy(b => b.Column)) text.Append(Symbol(b.Status));
                var percent = row.Average(b => b.Percent);
                var shown = percent.ToString("0", CultureInfo.InvariantCulture);
                lines.Add($"frame {(row.First().FrameIndex ?? "").PadRight(width)}  {text}  {shown}%");
            }
            if (rows.Count == 0) lines.Add("(no frames yet)");
            lines.Add(Legend);
            return lines;
        }

        public override string ToString() => string.Join(Environment.NewLine, ToText());

        [JsonInclude, JsonPropertyName("block")]
        internal int? WireBlock { get => BlocksPerFrame; set => BlocksPerFrame = value ?? 1; }

        [JsonInclude, JsonPropertyName("completedTime")]
        internal DateTimeOffset? CompletedTime { get; set; }

        [JsonInclude, JsonPropertyName("endTime")]
        internal DateTimeOffset? EndTime { get; set; }

        /// <summary><c>grabInfo</c>: a row of blocks per frame.</summary>
        [JsonInclude, JsonPropertyName("grabInfo")]
        internal IReadOnlyList<IReadOnlyList<RbProgressBlock>> Grid { get; set; }
            = Array.Empty<IReadOnlyList<RbProgressBlock>>();

        void IJsonOnDeserialized.OnDeserialized()
        {
            CompletedAt = CompletedTime ?? EndTime;
            var blocks = new List<RbProgressBlock>();
            for (var row = 0; row < Grid.Count; row++)
            {
                for (var column = 0; column < Grid[row].Count; column++)
                {
                    var block = Grid[row][column];
                    block.Row = row + 1;
                    block.Column = column + 1;
                    blocks.Add(block);
                }
            }
            Blocks = blocks;
            Grid = Array.Empty<IReadOnlyList<RbProgressBlock>>();
        }
    }

    /// <summary>One tile of one frame in a task's progress grid.</summary>
    public sealed class RbProgressBlock
    {
        [RbKey(RbKind.Task)]
        [JsonIgnore]
        public long TaskId { get; set; }
        /// <summary>Row of the grid (1-based): the frame.</summary>
        [JsonIgnore]
        public int Row { get; set; }
        /// <summary>Column of the grid (1-based): the tile of the frame.</summary>
        [JsonIgnore]
        public int Column { get; set; }
        [JsonPropertyName("frameIndex")]
        public string? FrameIndex { get; set; }
        [JsonPropertyName("frameBlock")]
        public string? Block { get; set; }
        [JsonIgnore]
        public RbFrameStatus Status { get; set; } = RbFrameStatus.Waiting;
        [JsonPropertyName("framePercent")]
        public int Percent { get; set; }
        [JsonPropertyName("startTime")]
        public DateTimeOffset? StartedAt { get; set; }
        [JsonPropertyName("endTime")]
        public DateTimeOffset? EndedAt { get; set; }
        /// <summary>Render time so far (<c>frameUsed</c>).</summary>
        [JsonPropertyName("frameUsed")]
        public TimeSpan? Elapsed { get; set; }
        /// <summary>Estimated time left (<c>frameEst</c>).</summary>
        [JsonPropertyName("frameEst")]
        public TimeSpan? Remaining { get; set; }
        /// <summary>Preview image of the tile (<c>grabUrl</c>); empty until it renders.</summary>
        [JsonIgnore]
        public string? ImageUrl { get; set; }
        [JsonPropertyName("feeAmount")]
        public decimal Cost { get; set; }
        [JsonPropertyName("couponFee")]
        public decimal CouponCost { get; set; }
        [JsonPropertyName("renderInfo")]
        public string? RenderInfo { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString()
            => $"Frame {FrameIndex} block {Block} of task {TaskId} ({Status}, {Percent}%)";

        [JsonInclude, JsonPropertyName("frameStatus")]
        internal int? WireStatus { get => (int)Status; set => Status = (RbFrameStatus)(value ?? 1); }

        /// <summary><c>grabUrl</c>: empty until the tile renders.</summary>
        [JsonInclude, JsonPropertyName("grabUrl")]
        internal string? WireImageUrl { get => ImageUrl; set => ImageUrl = string.IsNullOrEmpty(value) ? null : value; }
    }
}
