using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>What <see cref="SubmitApi.CreateAsync"/> asks for.</summary>
    internal sealed class RbNewTaskSpec
    {
        /// <summary>How many task ids to create (1..100).</summary>
        public int Count { get; set; } = 1;
        /// <summary>User-side level (<c>taskUserLevel</c>): 50 normal, 60 high.</summary>
        public int Priority { get; set; } = 50;
        public IReadOnlyCollection<string>? Labels { get; set; }
        /// <summary>Id of the task the new one is a clone of (<c>cloneOriginalId</c>).</summary>
        public long? CloneFrom { get; set; }
        /// <summary>Producer/artist shown on the task (<c>artist</c>).</summary>
        public string? Artist { get; set; }
        /// <summary>A third party's own user id (<c>outUserId</c>).</summary>
        public long? OutUserId { get; set; }
    }

    /// <summary>A task file (task.json, upload.json, asset.json, tips.json) checked to be JSON, ready to
    /// send.</summary>
    internal sealed class RbTaskFile
    {
        /// <summary>The names the service accepts.</summary>
        public static readonly IReadOnlyList<string> Names = new[] { "task.json", "upload.json", "asset.json",
            "tips.json" };

        private RbTaskFile(string fileName, string content, string source)
        {
            FileName = fileName;
            Content = content;
            Source = source;
        }

        public string FileName { get; }
        public string Content { get; }
        /// <summary>Where the content came from (a path, or "-Content").</summary>
        public string Source { get; }

        /// <summary>Reads and checks a file; the file name defaults to the file's own name when that is one of
        /// <see cref="Names"/>.</summary>
        public static RbTaskFile FromPath(string path, string? fileName = null)
        {
            if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
                throw RbInputRules.TaskFileMissing.Error($"There is no file '{path}'.", path);
            var name = fileName ?? NameOf(Path.GetFileName(path), path);
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RbValidationException(
                    "Rb.TaskFileUnreadable", $"'{path}' could not be read: {ex.Message}", "Path",
                    "Check that the file is readable and not locked by another program, then send it again.", path);
            }
            return FromContent(text, name, path);
        }

        /// <summary>Checks content given as text.</summary>
        public static RbTaskFile FromContent(string content, string fileName, string source = "-Content")
        {
            var name = NameOf(fileName, source);
            if (content == null || content.Trim().Length == 0)
                throw RbInputRules.TaskFileJson.Error($"{source} is empty: {name} must hold a JSON object.", source);
            try
            {
                using var doc = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = false });
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw RbInputRules.TaskFileJson.Error(
                        $"{source} holds a JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not the object {name} must be.", source);
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber.HasValue
                    ? $" at line {(ex.LineNumber + 1).Value.ToString(CultureInfo.InvariantCulture)}, position {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                    : "";
                throw RbInputRules.TaskFileJson.Error(
                    $"{source} is not valid JSON{where}: {FirstSentence(ex.Message)} Nothing was sent.", source);
            }
            return new RbTaskFile(name, content, source);
        }

        private static string NameOf(string? fileName, string source)
        {
            var match = Names.FirstOrDefault(n => string.Equals(n, fileName, StringComparison.OrdinalIgnoreCase));
            if (match != null) return match;
            throw RbInputRules.TaskFileName.Error(
                $"'{fileName}' (from {source}) is not a task file name: give -FileName task.json, upload.json, asset.json or tips.json.", fileName);
        }

        private static string FirstSentence(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim();
        }

        public override string ToString() => $"{FileName} from {Source}";
    }

    /// <summary>The details found for one error code, or why there are none.</summary>
    internal sealed class RbErrorCodeResult
    {
        internal RbErrorCodeResult(string code, IReadOnlyList<RbErrorDetail> details, Exception? error)
        {
            Code = code;
            Details = details;
            Error = error;
        }

        public string Code { get; }
        public IReadOnlyList<RbErrorDetail> Details { get; }
        public Exception? Error { get; }
    }

    /// <summary>Creating and submitting tasks, and what their error codes mean.</summary>
    internal sealed class SubmitApi
    {
        /// <summary>Most error codes one queryAnalyseErrorDetail call carries.</summary>
        public const int CodeLimit = 100;

        private readonly RbClient client;

        public SubmitApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Checks a creation request before anything is sent (count, level, clone id).</summary>
        public static void Check(RbNewTaskSpec spec)
        {
            if (spec.Count < 1 || spec.Count > 100) throw RbInputRules.TaskCount.Error(
                $"-Count {spec.Count} is outside 1..100.", spec.Count);
            RbInputRules.CheckPriority(spec.Priority);
            if (spec.CloneFrom.HasValue) RbInputRules.CheckIds(new[] { spec.CloneFrom.Value });
            if (spec.Labels != null) spec.Labels = spec.Labels.Select(RbInputRules.CheckLabelName).Distinct().ToArray();
        }

        /// <summary>
        /// Creates empty tasks (createTask) and reads them back (queryTaskInfo), so that the caller gets whole tasks
        /// with their ids, aliases and status. A task the read-back misses is still returned with the id and alias
        /// createTask gave.
        /// </summary>
        [RbSends(nameof(RbCatalog.CreateTask), nameof(RbCatalog.QueryTaskInfo))]
        public async Task<IReadOnlyList<RbTask>> CreateAsync(RbNewTaskSpec spec, CancellationToken cancellationToken)
        {
            Check(spec);
            var body = new RbBody()
                .Add("count", spec.Count)
                .Add("taskUserLevel", spec.Priority)
                .Add("outUserId", spec.OutUserId)
                .Add("labels", spec.Labels != null && spec.Labels.Count > 0 ? spec.Labels.ToArray() : null)
                .Add("cloneOriginalId", spec.CloneFrom)
                .Add("artist", string.IsNullOrWhiteSpace(spec.Artist) ? null : spec.Artist);
            var response = await client.SendAsync(RbCatalog.CreateTask, body, cancellationToken).ConfigureAwait(false);
            var created = RbWire.Read<RbCreatedTasks>(response.Data);
            var ids = created.Ids;
            var aliases = created.Aliases;
            if (ids.Count == 0) throw new RbProtocolException(
                "createTask answered without taskIdList.", RbCatalog.CreateTask.Path);
            client.Changes.Publish(new RbChange(RbCatalog.CreateTask, RbKind.Task, ids.ToArray()));
            var read = await new TasksApi(client).GetEachAsync(ids, cancellationToken).ConfigureAwait(false);
            return ids.Select((id, i) => read.FirstOrDefault(r => r.Id == id)?.Item
                ?? new RbTask { Id = id, Alias = i < aliases.Count ? aliases[i] : null,
                    Status = RbTaskStatus.Submitting, Priority = spec.Priority }).ToList();
        }

        /// <summary>Uploads one task file to each task (taskJsonFile, one call per task); one result per distinct
        /// id.</summary>
        [RbSends(nameof(RbCatalog.TaskJsonFile))]
        public Task<IReadOnlyList<RbItemResult>> SendFileAsync(
            IEnumerable<long> taskIds, RbTaskFile file, CancellationToken cancellationToken)
        {
            if (file == null) throw new ArgumentNullException(nameof(file));
            return EachAsync(RbCatalog.TaskJsonFile, taskIds,
                id => new RbBody().Add("taskId", id).Add("fileName", file.FileName).Add("content", file.Content),
                    cancellationToken);
        }

        /// <summary>Submits tasks whose files were uploaded (submitTask, one call per task); rendering, and billing,
        /// starts after analysis.</summary>
        [RbSends(nameof(RbCatalog.SubmitTask))]
        public Task<IReadOnlyList<RbItemResult>> SubmitAsync(
            IEnumerable<long> taskIds, string? producer, CancellationToken cancellationToken)
            => EachAsync(RbCatalog.SubmitTask, taskIds,
                id => new RbBody().Add("taskId", id).Add(
                    "producer", string.IsNullOrWhiteSpace(producer) ? null : producer), cancellationToken);

        /// <summary>One call per distinct task, up to the client's throttle limit at once; one result per task, in
        /// order.</summary>
        private Task<IReadOnlyList<RbItemResult>> EachAsync(
            RbOperation op, IEnumerable<long> taskIds, Func<long, RbBody> body, CancellationToken cancellationToken)
        {
            var ids = taskIds.Distinct().ToList();
            RbInputRules.CheckIds(ids);
            return new RbBulkSender(client, op, client.ThrottleLimit).EachAsync(ids, body, cancellationToken);
        }

        /// <summary>Refuses codes that are not whole numbers; returns them trimmed and without repeats.</summary>
        public static IReadOnlyList<string> CheckCodes(IEnumerable<string?> codes)
        {
            var list = codes.Where(c => c != null).Select(c => c!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var bad = list.Where(c => c.Length == 0 || !c.All(ch => ch >= '0' && ch <= '9')).ToList();
            if (bad.Count > 0)
                throw RbInputRules.ErrorCode.Error(
                    $"'{string.Join("', '", bad)}' {(bad.Count == 1 ? "is not an error code" : "are not error codes")}: codes are whole numbers.", bad.Count == 1 ? (object)bad[0] : bad.ToArray());
            return list;
        }

        /// <summary>
        /// What error codes mean (queryAnalyseErrorDetail): one result per distinct code, in order: its details, or
        /// <c>Rb.ErrorCodeNotFound</c> when the service knows nothing about it, or the error of the call that carried
        /// it. One code is sent as <c>code</c>, several as <c>codes</c> (at most 100 a call).
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryAnalyseErrorDetail))]
        public async Task<IReadOnlyList<RbErrorCodeResult>> GetErrorDetailsAsync(
            IEnumerable<string?> codes, RbLanguage language, CancellationToken cancellationToken)
        {
            var list = CheckCodes(codes);
            var results = new List<RbErrorCodeResult>();
            for (var i = 0; i < list.Count; i += CodeLimit)
            {
                var chunk = list.Skip(i).Take(CodeLimit).ToList();
                var body = new RbBody()
                    .Add(chunk.Count == 1 ? "code" : "codes", chunk.Count == 1 ? (object)chunk[0] : chunk.ToArray())
                    .Add("language", ((int)language).ToString(CultureInfo.InvariantCulture));
                try
                {
                    var response = await client.SendAsync(RbCatalog.QueryAnalyseErrorDetail, body, cancellationToken)
                        .ConfigureAwait(false);
                    var details = RbWire.List<RbErrorDetail>(response.Data);
                    foreach (var code in chunk)
                    {
                        var mine = details.Where(d => d.Code == code).ToList();
                        results.Add(new RbErrorCodeResult(code, mine, mine.Count > 0 ? null
                            : new RbValidationException(
                                "Rb.ErrorCodeNotFound", $"Renderbus has no details for error code {code}.", "Code",
                                "Check the code; the task's ErrorCode property holds the code the farm reported.", code)));
                    }
                }
                catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
                {
                    results.AddRange(
                        chunk.Select(code => new RbErrorCodeResult(code, Array.Empty<RbErrorDetail>(), ex)));
                }
            }
            return results;
        }
    }
}
