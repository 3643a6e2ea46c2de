using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>Language of error details (<c>language</c>: 0 Chinese, 1 English).</summary>
    public enum RbLanguage
    {
        Chinese = 0,
        English = 1,
    }

    /// <summary>How serious an analysis error is (<c>type</c>).</summary>
    public enum RbErrorSeverity
    {
        /// <summary>A warning the task can render with.</summary>
        Warning = 0,
        /// <summary>An error that stops the task.</summary>
        Error = 1,
    }

    /// <summary>createTask's answer: the new tasks' ids and aliases, in the same order.</summary>
    internal sealed class RbCreatedTasks
    {
        [JsonPropertyName("taskIdList")]
        public IReadOnlyList<long> Ids { get; set; } = Array.Empty<long>();

        [JsonPropertyName("aliasTaskIdList")]
        public IReadOnlyList<string> Aliases { get; set; } = Array.Empty<string>();
    }

    /// <summary>What an analysis or render error code means and how to fix it (queryAnalyseErrorDetail).</summary>
    public sealed class RbErrorDetail : IJsonOnDeserialized
    {
        [RbKey(RbKind.ErrorCode)]
        [JsonIgnore]
        public string Code { get; set; } = "";
        [JsonIgnore]
        public RbErrorSeverity Severity { get; set; } = RbErrorSeverity.Error;
        [JsonPropertyName("languageFlag")]
        public RbLanguage Language { get; set; }
        [JsonIgnore]
        public string? Description { get; set; }
        [JsonIgnore]
        public string? Solution { get; set; }
        /// <summary>Link to the full solution (<c>solutionPath</c>).</summary>
        [JsonPropertyName("solutionPath")]
        public string? Url { get; set; }
        /// <summary>True when the farm can repair the problem itself (<c>isRepair</c>).</summary>
        [JsonPropertyName("isRepair")]
        public bool IsRepairable { get; set; }
        /// <summary>True when the farm stops tasks on this error (<c>isOpen</c>).</summary>
        [JsonPropertyName("isOpen")]
        public bool IsBlocking { get; set; }
        [JsonPropertyName("updateTime")]
        public DateTimeOffset? UpdatedAt { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Code} ({Severity}): {Description}";

        [JsonInclude, JsonPropertyName("code")]
        internal string? WireCode { get => Code; set => Code = value ?? ""; }

        /// <summary><c>type</c>: an error unless the service says otherwise.</summary>
        [JsonInclude, JsonPropertyName("type")]
        internal int? WireType { get => (int)Severity; set => Severity = (RbErrorSeverity)(value ?? 1); }

        // the text comes in the language asked for, under one of three names
        [JsonInclude, JsonPropertyName("desDescriptionCn")]
        internal string? DescriptionCn { get; set; }
        [JsonInclude, JsonPropertyName("desDescriptionEn")]
        internal string? DescriptionEn { get; set; }
        [JsonInclude, JsonPropertyName("desDescription")]
        internal string? DescriptionAny { get; set; }
        [JsonInclude, JsonPropertyName("desSolutionCn")]
        internal string? SolutionCn { get; set; }
        [JsonInclude, JsonPropertyName("desSolutionEn")]
        internal string? SolutionEn { get; set; }
        [JsonInclude, JsonPropertyName("desSolution")]
        internal string? SolutionAny { get; set; }

        void IJsonOnDeserialized.OnDeserialized()
        {
            Description = DescriptionCn ?? DescriptionEn ?? DescriptionAny;
            Solution = SolutionCn ?? SolutionEn ?? SolutionAny;
        }

        internal static RbErrorDetail FromWire(JsonElement element)
        {
            var w = WireObject.For<RbErrorDetail>(element);
            var detail = new RbErrorDetail
            {
                Code = w.Str("code") ?? "",
                Severity = (RbErrorSeverity)(w.Int("type") ?? 1),
                Language = (RbLanguage)(w.Int("languageFlag") ?? 0),
                Description = w.Str("desDescriptionCn") ?? w.Str("desDescriptionEn") ?? w.Str("desDescription"),
                Solution = w.Str("desSolutionCn") ?? w.Str("desSolutionEn") ?? w.Str("desSolution"),
                Url = w.Str("solutionPath"),
                IsRepairable = w.Flag("isRepair"),
                IsBlocking = w.Flag("isOpen"),
                UpdatedAt = w.EpochMs("updateTime"),
            };
            detail.Extra = w.Rest();
            return detail;
        }
    }

    /// <summary>The progress grid of a task (loadTaskProcessImg): one row per frame, one block per tile of it.</summary>
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

        /// <summary>The grid as text: a header line, one line per row ("frame 1001  ■■▒□") and the legend.</summary>
        public IReadOnlyList<string> ToText()
        {
            var lines = new List<string>
            {
                $"Task {TaskId.ToString(CultureInfo.InvariantCulture)} {SceneName} ({CurrentType}): {DoneBlocks}/{Blocks.Count} blocks finished",
            };
            var rows = Blocks.GroupBy(b => b.Row).OrderBy(g => g.Key).ToList();
            var width = rows.Select(r => (r.First().FrameIndex ?? "").Length).DefaultIfEmpty(1).Max();
            foreach (var row in rows)
            {
                var text = new StringBuilder();
                foreach (var b in row.OrderBy(b => b.Column)) text.Append(Symbol(b.Status));
                var percent = row.Average(b => b.Percent);
                lines.Add($"frame {(row.First().FrameIndex ?? "").PadRight(width)}  {text}  {percent.ToString("0", CultureInfo.InvariantCulture)}%");
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
        internal IReadOnlyList<IReadOnlyList<RbProgressBlock>> Grid { get; set; } = Array.Empty<IReadOnlyList<RbProgressBlock>>();

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

        internal static RbTaskProgress FromWire(long taskId, JsonElement element)
        {
            var w = WireObject.For<RbTaskProgress>(element);
            var progress = new RbTaskProgress
            {
                TaskId = taskId,
                SceneName = w.Str("sceneName"),
                CurrentType = w.Str("currentTaskType"),
                IsRenderPhoton = w.Flag("isRenderPhoton"),
                Width = w.Int("width"),
                Height = w.Int("height"),
                BlocksPerFrame = w.Int("block") ?? 1,
                StartedAt = RbServiceTime.Parse(w.Str("startTime")),
                CompletedAt = RbServiceTime.Parse(w.Str("completedTime") ?? w.Str("endTime")),
            };
            var rows = w.List("grabInfo", r => r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().ToArray() : Array.Empty<JsonElement>());
            var blocks = new List<RbProgressBlock>();
            for (var row = 0; row < rows.Count; row++)
                for (var column = 0; column < rows[row].Length; column++)
                    blocks.Add(RbProgressBlock.FromWire(taskId, row + 1, column + 1, rows[row][column]));
            progress.Blocks = blocks;
            progress.Extra = w.Rest();
            return progress;
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

        public override string ToString() => $"Frame {FrameIndex} block {Block} of task {TaskId} ({Status}, {Percent}%)";

        [JsonInclude, JsonPropertyName("frameStatus")]
        internal int? WireStatus { get => (int)Status; set => Status = (RbFrameStatus)(value ?? 1); }

        /// <summary><c>grabUrl</c>: empty until the tile renders.</summary>
        [JsonInclude, JsonPropertyName("grabUrl")]
        internal string? WireImageUrl { get => ImageUrl; set => ImageUrl = string.IsNullOrEmpty(value) ? null : value; }

        internal static RbProgressBlock FromWire(long taskId, int row, int column, JsonElement element)
        {
            var w = WireObject.For<RbProgressBlock>(element);
            var block = new RbProgressBlock
            {
                TaskId = taskId,
                Row = row,
                Column = column,
                FrameIndex = w.Str("frameIndex"),
                Block = w.Str("frameBlock"),
                Status = (RbFrameStatus)(w.Int("frameStatus") ?? 1),
                Percent = w.Int("framePercent") ?? 0,
                StartedAt = RbServiceTime.Parse(w.Str("startTime")),
                EndedAt = RbServiceTime.Parse(w.Str("endTime")),
                Elapsed = w.Long("frameUsed") is long used ? TimeSpan.FromSeconds(used) : (TimeSpan?)null,
                Remaining = w.Long("frameEst") is long est ? TimeSpan.FromSeconds(est) : (TimeSpan?)null,
                ImageUrl = string.IsNullOrEmpty(w.Str("grabUrl")) ? null : w.Str("grabUrl"),
                Cost = w.Dec("feeAmount") ?? 0,
                CouponCost = w.Dec("couponFee") ?? 0,
                RenderInfo = w.Str("renderInfo"),
            };
            block.Extra = w.Rest();
            return block;
        }
    }

    /// <summary>A file or folder in the account's output storage (getOutputUserDirFile).</summary>
    public sealed class RbOutputFile : IJsonOnDeserialized
    {
        [JsonIgnore]
        public string Name { get; set; } = "";
        /// <summary>Path from the root of the output storage, e.g. /19097_forest/beauty/forest.0001.exr.</summary>
        [JsonIgnore]
        public string Path { get; set; } = "";
        /// <summary>Size in bytes; 0 for a folder.</summary>
        [JsonPropertyName("fileSize")]
        public long Size { get; set; }
        [JsonPropertyName("directory")]
        public bool IsDirectory { get; set; }
        /// <summary>File extension (<c>fileType</c>); null for a folder.</summary>
        [JsonPropertyName("fileType")]
        public string? Type { get; set; }
        [JsonPropertyName("lastModify")]
        public DateTimeOffset? ModifiedAt { get; set; }
        /// <summary>The task whose output this is: the id its task folder is named after (a layer's sub-task), else the task asked for; null when unknown.</summary>
        [RbKey(RbKind.Task)]
        [JsonIgnore]
        public long? TaskId { get; set; }
        /// <summary>True when the account is in arrears and downloads are held (<c>isArrears</c>).</summary>
        [JsonPropertyName("isArrears")]
        public bool InArrears { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => Path;

        [JsonInclude, JsonPropertyName("fileName")]
        internal string? FileName { get; set; }

        [JsonInclude, JsonPropertyName("filePath")]
        internal string? FilePath { get; set; }

        /// <summary>Read so that it stays out of Extra: an icon of the service's web page.</summary>
        [JsonInclude, JsonPropertyName("iconPath")]
        internal string? IconPath { get; set; }

        void IJsonOnDeserialized.OnDeserialized()
        {
            Name = FileName ?? "";
            Path = FilePath ?? "/" + Name;
            TaskId = TaskIdOf(Path);
        }

        internal static RbOutputFile FromWire(JsonElement element, long? taskId)
        {
            var w = WireObject.For<RbOutputFile>(element);
            var name = w.Str("fileName") ?? "";
            var path = w.Str("filePath") ?? "/" + name;
            var file = new RbOutputFile
            {
                Name = name,
                Path = path,
                Size = w.Long("fileSize") ?? 0,
                IsDirectory = w.Flag("directory"),
                Type = w.Str("fileType"),
                ModifiedAt = RbServiceTime.Parse(w.Str("lastModify")),
                InArrears = w.Flag("isArrears"),
                TaskId = TaskIdOf(path) ?? taskId,
            };
            w.Str("iconPath");
            file.Extra = w.Rest();
            return file;
        }

        /// <summary>Task folders are named "&lt;task id&gt;_&lt;scene&gt;": the id of the first folder of the path.</summary>
        internal static long? TaskIdOf(string path)
        {
            var top = path.TrimStart('/').Split('/')[0];
            var cut = top.IndexOf('_');
            return cut > 0 && long.TryParse(top.Substring(0, cut), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (long?)null;
        }
    }

    /// <summary>Wall-clock times the service writes as text ("yyyy-MM-dd HH:mm:ss", China Standard Time).</summary>
    /// <summary>The service's wall clock: "yyyy-MM-dd HH:mm:ss" in China Standard Time (UTC+8), both ways.</summary>
    internal static class RbServiceTime
    {
        public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
        public const string Format = "yyyy-MM-dd HH:mm:ss";

        /// <summary>A time as the service writes it; null stays null.</summary>
        public static string? ToText(DateTimeOffset? time) => time?.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture);

        /// <summary>The service's text (or epoch milliseconds) as a time; null when it is neither.</summary>
        public static DateTimeOffset? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return new DateTimeOffset(local, Offset);
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                ? RbWireValue.EpochMs(ms) : null;
        }
    }
}
