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
        /// <summary>The task whose output this is: the id its task folder is named after (a layer's sub-task), else the
        /// task asked for; null when unknown.</summary>
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

        /// <summary>Task folders are named "&lt;task id&gt;_&lt;scene&gt;": the id of the first folder of the
        /// path.</summary>
        internal static long? TaskIdOf(string path)
        {
            var top = path.TrimStart('/').Split('/')[0];
            var cut = top.IndexOf('_');
            return cut > 0 && long.TryParse(
                top.Substring(0, cut), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id
                : (long?)null;
        }
    }

    /// <summary>Wall-clock times the service writes as text ("yyyy-MM-dd HH:mm:ss", China Standard Time).</summary>
    /// <summary>The service's wall clock: "yyyy-MM-dd HH:mm:ss" in China Standard Time (UTC+8), both ways.</summary>
    internal static class RbServiceTime
    {
        public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
        public const string Format = "yyyy-MM-dd HH:mm:ss";

        /// <summary>A time as the service writes it; null stays null.</summary>
        public static string? ToText(DateTimeOffset? time) => time?.ToOffset(Offset)
            .ToString(Format, CultureInfo.InvariantCulture);

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
