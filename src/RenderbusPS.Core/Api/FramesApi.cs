using System;
using System.Collections.Generic;
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
    /// <summary>What to list with <see cref="FramesApi.List(RbFrameQuery)"/>.</summary>
    internal sealed class RbFrameQuery
    {
        public long TaskId { get; set; }
        /// <summary>Only frames in these statuses (the service cannot filter frames by status: the client does, page by
        /// page).</summary>
        public IReadOnlyCollection<RbFrameStatus>? Status { get; set; }
        /// <summary>Part of a frame label (the service matches it).</summary>
        public string? Keyword { get; set; }
        public int PageSize { get; set; } = RbCatalog.PageLimit;
        /// <summary>Frames to pass over first; with a status filter they are counted after filtering, by the
        /// caller.</summary>
        public long Skip { get; set; }
        /// <summary>Most frames to give out; ignored with a status filter (the caller counts), so pages past it are
        /// never asked for.</summary>
        public long? First { get; set; }
    }

    /// <summary>Frame operations.</summary>
    internal sealed class FramesApi : IRbFrameReader
    {
        /// <summary>Most frame ids one recommitTaskFrames or stopTaskFrames call carries.</summary>
        public const int FrameIdLimit = RbCatalog.FrameIdLimit;

        /// <summary>Largest thumbnail -OutFile downloads.</summary>
        public const long MaxThumbnailBytes = 20L * 1024 * 1024;

        private readonly RbClient client;

        public FramesApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Requests this API has in flight at once for a bulk frame change (1 = one after another).</summary>
        public int ThrottleLimit => client.ThrottleLimit;

        /// <summary>A pager over one task's frames (a parent task lists its sub-tasks' frames).</summary>
        [RbSends(nameof(RbCatalog.QueryTaskFrames))]
        public RbPager<RbFrame> List(
            long taskId, string? keyword = null, int pageSize = RbCatalog.PageLimit, long skip = 0, long? first = null)
        {
            RbInputRules.CheckIds(new[] { taskId });
            RbInputRules.CheckKeyword(keyword);
            var op = RbCatalog.QueryTaskFrames;
            return new RbPager<RbFrame>(async (page, size, ct) =>
            {
                var body = new RbBody()
                    .Add("taskId", taskId)
                    .Add("pageNum", page)
                    .Add("pageSize", size)
                    .Add("searchKeyword", string.IsNullOrWhiteSpace(keyword) ? null : keyword!.Trim());
                return await RbTaskScope.RunAsync(client, taskId,
                    () => client.ReadAsync(op, body, (ref Utf8JsonReader r) => RbWire.Page<RbFrame>(ref r, page), ct),
                    ct).ConfigureAwait(false);
            }, f => f.FrameId, pageSize, op.MaxPageSize, skip, first, "frames", throttleLimit: ThrottleLimit);
        }

        /// <summary>
        /// The frames of a task that match a query, page by page. The service pages the whole list; the status filter
        /// is applied to each page as it arrives. Restarting or stopping frames does not move them in the list, so a
        /// caller that acts on each page while reading the next still sees every frame once.
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryTaskFrames))]
        public RbFilteredPager<RbFrame> List(RbFrameQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            var statuses = query.Status != null && query.Status.Count > 0 ? new HashSet<RbFrameStatus>(query.Status)
                : null;
            // without a status filter every frame counts, so the pager itself skips and stops and asks for no page past
            // -First
            var inner = statuses == null
                ? List(query.TaskId, query.Keyword, query.PageSize, query.Skip, query.First)
                : List(query.TaskId, query.Keyword, query.PageSize);
            return new RbFilteredPager<RbFrame>(inner, f => statuses == null || statuses.Contains(f.Status));
        }

        /// <summary>The error for frame numbers a task does not render (the first 20 named).</summary>
        public static RbValidationException MissingFrames(long taskId, IReadOnlyList<int> missing)
            => new RbValidationException("Rb.FrameNotFound",
                $"Task {taskId} has no frame {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", ..." : "")}.",
                "FrameIndex", $"List the task's frames with Get-RbFrame -TaskId {taskId}.", taskId);

        /// <summary>One frame of a task, read from the task's frame list; <c>Rb.FrameNotFound</c> when the task has no
        /// such frame.</summary>
        [RbSends(nameof(RbCatalog.QueryTaskFrames))]
        public async Task<RbFrame> GetAsync(long taskId, long frameId, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { frameId });
            var found = await GetManyAsync(taskId, new[] { frameId }, cancellationToken).ConfigureAwait(false);
            return found.Count > 0 ? found[0] : throw FrameNotFound(taskId, frameId);
        }

        /// <summary>The frames of a task with these ids, in list order, read in one pass over the task's
        /// frames.</summary>
        [RbSends(nameof(RbCatalog.QueryTaskFrames))]
        public async Task<IReadOnlyList<RbFrame>> GetManyAsync(
            long taskId, IEnumerable<long> frameIds, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<long>(frameIds);
            var found = new List<RbFrame>();
            using var pager = List(taskId);
            while (!pager.IsDone && found.Count < wanted.Count)
                found.AddRange(
                    (await pager.NextAsync(cancellationToken).ConfigureAwait(false))
                    .Where(f => wanted.Contains(f.FrameId)));
            return found;
        }

        internal static RbValidationException FrameNotFound(long taskId, long frameId)
            => new RbValidationException("Rb.FrameNotFound", $"Task {taskId} has no frame {frameId}.", "FrameId",
                "List the task's frames with Get-RbFrame -TaskId " + taskId + ".", frameId);

        /// <summary>
        /// The frames of a task whose label names one of the frame numbers of <paramref name="frameRanges"/> (each in
        /// the form
        /// <c>6</c> or <c>7-9[1]</c>). A block label such as <c>2-4[1]</c> (one node renders several frames) matches
        /// any of its frames; a label that names no number (<c>photon</c>) matches none. Numbers no frame renders come
        /// back in Missing.
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryTaskFrames))]
        public async Task<RbFrameIndexMatch> FindByIndexAsync(
            long taskId, IEnumerable<string> frameRanges, CancellationToken cancellationToken)
        {
            var wanted = new HashSet<int>();
            foreach (var text in frameRanges) wanted.UnionWith(RbFrameRange.Parse(text, "FrameIndex").Frames());
            if (wanted.Count > RbFrameRange.MaxFrames)
                throw RbInputRules.FrameRangeSize.Error(
                    $"-FrameIndex names {wanted.Count} frames; at most {RbFrameRange.MaxFrames} at once.", taskId);
            var covered = new HashSet<int>();
            var frames = new List<RbFrame>();
            using var pager = List(taskId);
            while (!pager.IsDone)
            {
                foreach (var frame in await pager.NextAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!RbFrameRange.TryParse(frame.FrameIndex?.Replace('~', '-'), out var label)
                        || label!.Count > RbFrameRange.MaxFrames) continue;
                    var hits = label.Frames().Where(wanted.Contains).ToList();
                    if (hits.Count == 0) continue;
                    covered.UnionWith(hits);
                    frames.Add(frame);
                }
            }
            return new RbFrameIndexMatch(frames, wanted.Where(n => !covered.Contains(n)).OrderBy(n => n).ToList());
        }

        /// <summary>Frame counts of the whole account by status.</summary>
        [RbSends(nameof(RbCatalog.QueryAllFrameStats))]
        public async Task<RbFrameSummary> GetSummaryAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.QueryAllFrameStats, null, cancellationToken)
                .ConfigureAwait(false);
            return RbWire.Read<RbFrameSummary>(response.Data);
        }

        /// <summary>
        /// Renders frames of one task again (they go back to waiting and are billed again when they render); one result
        /// per distinct frame id, in the order given, at most <see cref="FrameIdLimit"/> ids a call and up to
        /// <see cref="ThrottleLimit"/> calls at once. A call the service refuses with code 100 is sent again one frame
        /// at a time so that each frame gets its own answer.
        /// </summary>
        [RbSends(nameof(RbCatalog.RecommitTaskFrames))]
        public Task<IReadOnlyList<RbItemResult>> RestartAsync(
            long taskId, IEnumerable<long> frameIds, CancellationToken cancellationToken)
            => FramesBulkAsync(RbCatalog.RecommitTaskFrames, taskId, frameIds, cancellationToken);

        /// <summary>Stops waiting and rendering frames of one task; one result per distinct frame id.</summary>
        [RbSends(nameof(RbCatalog.StopTaskFrames))]
        public Task<IReadOnlyList<RbItemResult>> StopAsync(
            long taskId, IEnumerable<long> frameIds, CancellationToken cancellationToken)
            => FramesBulkAsync(RbCatalog.StopTaskFrames, taskId, frameIds, cancellationToken);

        /// <summary>
        /// Renders every frame of a task again (<c>selectAll</c> 1), or only those in <paramref name="status"/>. With
        /// <paramref name="listAffected"/> the task's frames are read first and the ids that the selection covers are
        /// returned.
        /// </summary>
        [RbSends(nameof(RbCatalog.RecommitTaskFrames), nameof(RbCatalog.QueryTaskFrames))]
        public Task<IReadOnlyList<long>> RestartAllAsync(
            long taskId, IReadOnlyCollection<RbFrameStatus>? status, bool listAffected,
            CancellationToken cancellationToken)
            => SelectAllAsync(RbCatalog.RecommitTaskFrames, taskId, status, listAffected, cancellationToken);

        /// <summary>Stops every waiting and rendering frame of a task (<c>selectAll</c> 1), or only those in
        /// <paramref name="status"/>.</summary>
        [RbSends(nameof(RbCatalog.StopTaskFrames), nameof(RbCatalog.QueryTaskFrames))]
        public Task<IReadOnlyList<long>> StopAllAsync(
            long taskId, IReadOnlyCollection<RbFrameStatus>? status, bool listAffected,
            CancellationToken cancellationToken)
            => SelectAllAsync(RbCatalog.StopTaskFrames, taskId, status, listAffected, cancellationToken);

        private async Task<IReadOnlyList<long>> SelectAllAsync(
            RbOperation op, long taskId, IReadOnlyCollection<RbFrameStatus>? status,
            bool listAffected, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { taskId });
            IReadOnlyList<long> affected = Array.Empty<long>();
            if (listAffected)
            {
                using var pager = List(new RbFrameQuery { TaskId = taskId, Status = status });
                affected = (await pager.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Select(f => f.FrameId)
                    .ToList();
            }
            var body = new RbBody()
                .Add("taskId", taskId)
                .Add("selectAll", 1)
                .Add("status", status != null && status.Count > 0 ? status.Select(s => (int)s).Distinct().ToArray()
                    : null);
            await RbTaskScope.RunAsync(
                client, taskId, () => client.SendAsync(op, body, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            client.Changes.Publish(new RbChange(op, RbKind.Task, new[] { taskId }));
            return affected;
        }

        private Task<IReadOnlyList<RbItemResult>> FramesBulkAsync(
            RbOperation op, long taskId, IEnumerable<long> frameIds, CancellationToken cancellationToken)
        {
            var list = frameIds.ToList();
            RbInputRules.CheckIds(new[] { taskId });
            RbInputRules.CheckIds(list);
            // a frame action changes its task's status: the change is the task's
            return new RbBulkSender(client, op, ThrottleLimit, _ => new RbChange(op, RbKind.Task, new[] { taskId }))
                .ChunksAsync(
                    list, FrameIdLimit, chunk => new RbBody().Add("taskId", taskId).Add("selectAll", 0)
                    .Add("ids", chunk),
                    "frames of task " + taskId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        /// <summary>A reader over a frame's render log, page by page (see <see cref="RbFrameLogReader"/>).</summary>
        [RbSends(nameof(RbCatalog.ShowLog))]
        public RbFrameLogReader ReadLog(long frameId)
        {
            RbInputRules.CheckIds(new[] { frameId });
            return new RbFrameLogReader(client, frameId, ThrottleLimit);
        }

        /// <summary>The last <paramref name="tail"/> lines of a frame's log, reading pages from the end until it has
        /// them.</summary>
        [RbSends(nameof(RbCatalog.ShowLog))]
        public Task<IReadOnlyList<RbFrameLogLine>> ReadLogTailAsync(
            long frameId, int tail, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { frameId });
            if (tail < 1) throw RbInputRules.LogTail.Error($"-Tail {tail} is less than 1.", tail);
            return new RbFrameLogReader(client, frameId).TailAsync(tail, cancellationToken);
        }

        /// <summary>
        /// The thumbnails of a finished frame. <c>Rb.NoThumbnail</c> when the service has none (only finished frames
        /// have one); <paramref name="knownStatus"/>, when the caller has the frame, makes that message name the
        /// frame's status.
        /// </summary>
        [RbSends(nameof(RbCatalog.LoadingFrameThumbnail))]
        public async Task<IReadOnlyList<RbFrameThumbnail>> GetThumbnailsAsync(
            long frameId, RbFrameStatus? knownStatus, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { frameId });
            var body = new RbBody().Add("id", frameId).Add("frameStatus", (int)RbFrameStatus.Finished);
            var response = await client.SendAsync(RbCatalog.LoadingFrameThumbnail, body, cancellationToken)
                .ConfigureAwait(false);
            var paths = RbWire.List<string>(response.Data).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
            if (paths.Count == 0)
            {
                var state = knownStatus.HasValue && knownStatus != RbFrameStatus.Finished ? $" (it is {knownStatus})"
                    : "";
                throw new RbValidationException(
                    "Rb.NoThumbnail", $"Frame {frameId} has no thumbnail{state}: only finished frames have one.",
                    "FrameId",
                    "Wait until the frame is Finished (Get-RbFrame shows its status), then ask again.", frameId);
            }
            return paths.Select(p => RbFrameThumbnail.FromWire(frameId, p)).ToList();
        }

        /// <summary>
        /// Downloads a thumbnail to <paramref name="fullPath"/>: into that folder under the thumbnail's own name when
        /// it is a folder, else to that file. <c>Rb.ThumbnailNotDownloadable</c> when the service gave a path on the
        /// farm's storage rather than a web address. Returns the thumbnail with <see cref="RbFrameThumbnail.SavedTo"/>
        /// set.
        /// </summary>
        /// <summary>Refuses a -OutFile whose folder does not exist, before anything is asked or downloaded.</summary>
        public static void CheckOutFile(string fullPath)
        {
            var dir = Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
                throw new RbValidationException(
                    "Rb.OutFileFolderMissing", $"The folder {dir} does not exist.", "OutFile",
                    "Create the folder first, or give an existing one.", fullPath);
        }

        public async Task<RbFrameThumbnail> SaveThumbnailAsync(
            RbFrameThumbnail thumbnail, string fullPath, CancellationToken cancellationToken,
            ISet<string>? savedSoFar = null)
        {
            if (thumbnail.Url == null)
                throw new RbValidationException("Rb.ThumbnailNotDownloadable",
                    $"The service gave the thumbnail of frame {thumbnail.FrameId} as a path on the farm's storage ({thumbnail.Path}), not a web address: there is nothing to download.",
                    "OutFile", "Leave -OutFile out to see the path, and download the frame's output with the Renderbus transfer client.", thumbnail.FrameId);
            var target = Directory.Exists(fullPath) ? Path.Combine(fullPath, SafeName(thumbnail)) : fullPath;
            // a file named by -OutFile takes one thumbnail: a second would silently replace the first
            if (savedSoFar != null && savedSoFar.Contains(target))
                throw new RbValidationException(
                    "Rb.OutFileAlreadyWritten",
                    $"{target} already holds the thumbnail saved before it; frame {thumbnail.FrameId}'s was not saved.", "OutFile",
                    "Give -OutFile a folder to save several thumbnails, each under its own name.", thumbnail.FrameId);
            CheckOutFile(target);
            var bytes = await client.DownloadAsync(thumbnail.Url, MaxThumbnailBytes, cancellationToken)
                .ConfigureAwait(false);
            try
            {
                File.WriteAllBytes(target, bytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new RbValidationException(
                    "Rb.OutFileNotWritable",
                    $"The thumbnail of frame {thumbnail.FrameId} could not be written to {target}: {ex.Message}",
                    "OutFile",
                    "Check that the folder is writable and the file is not open elsewhere, or give another -OutFile.", target);
            }
            savedSoFar?.Add(target);
            thumbnail.SavedTo = target;
            return thumbnail;
        }

        private static string SafeName(RbFrameThumbnail t)
        {
            var name = Path.GetFileName(t.FileName.Replace('\\', '/').Split('/').Last());
            foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
            return name.Length == 0 || name == "." || name == ".." ? $"frame_{t.FrameId}.img" : name;
        }
    }
}
