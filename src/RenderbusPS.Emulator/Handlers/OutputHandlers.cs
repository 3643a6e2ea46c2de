using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Store;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Handlers
{
    /// <summary>
    /// What a task shows as it renders: its progress grid (one row per frame, one block per tile; a 3ds Max main frame
    /// renders in 4 tiles, every other frame in 1), and its output storage (a folder per leaf task named after its
    /// outputFileName, a sub-folder per layer, one .exr per finished frame), both read from the frames on the farm
    /// clock.
    /// </summary>
    internal static class OutputHandlers
    {
        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.LoadTaskProcessImg] = LoadTaskProcessImg;
            map[RbCatalog.GetOutputUserDirFile] = GetOutputUserDirFile;
        }

        private static string Wall(long? ms)
            => ms.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(ms.Value).ToOffset(TimeSpan.FromHours(8)).ToString(
                "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static EmuTask FindTask(EmuRequest r, long id)
        {
            if (!r.Store.ById.TryGetValue(id, out var task) || task.Deleted)
                throw new EmuError(RbCodes.ResourceNotFound, $"Task {id} does not exist.");
            return task;
        }

        private static JsonNode LoadTaskProcessImg(EmuRequest r)
        {
            var task = FindTask(r, r.ReqLong("taskId"));
            var frameType = r.OptInt("frameType");
            if (frameType.HasValue && frameType != 2 && frameType != 5)
                throw new EmuError(
                    RbCodes.ParameterInvalid, $"frameType {frameType} must be 2 (photon) or 5 (main image).");
            var all = task.SelfAndDescendants().SelectMany(x => x.Frames).ToList();
            var photon = all.Where(f => f.Type == 2).ToList();
            var photonBusy = photon.Any(
                f => f.Status != RbFrameStatus.Finished && f.Status != RbFrameStatus.Failed
                && f.Status != RbFrameStatus.TimedOut && f.Status != RbFrameStatus.Stopped);
            var showPhoton = frameType == 2 || (!frameType.HasValue && photon.Count > 0 && photonBusy);
            var frames = showPhoton ? photon : all.Where(f => f.Type != 2).ToList();
            var tiles = !showPhoton && task.CgId == 2001 ? 4 : 1;
            var typeName = showPhoton ? "RenderPhoton" : "Render";
            var rows = new JsonArray();
            foreach (var f in frames)
            {
                var row = new JsonArray();
                for (var k = 0; k < tiles; k++) row.Add(Tile(r, task, f, k, tiles, typeName));
                rows.Add(row);
            }
            var started = all.Where(f => f.StartMs.HasValue).Select(f => f.StartMs!.Value).DefaultIfEmpty(0).Min();
            var done = !EmuFarm.IsActive(task.Status) && task.Status != RbTaskStatus.Submitting && all.Count > 0;
            var ended = all.Select(f => f.EndMs ?? 0).DefaultIfEmpty(0).Max();
            return new JsonObject
            {
                ["isRenderPhoton"] = photon.Count > 0,
                ["completedTime"] = done && ended > 0 ? Wall(ended) : null,
                ["currentTaskType"] = typeName,
                ["sceneName"] = task.SceneName + (task.Camera.Length > 0 ? "-" + task.Camera : ""),
                ["grabInfo"] = rows,
                ["width"] = task.CgId == 2001 ? 2000 : 1920,
                ["block"] = tiles,
                ["startTime"] = started > 0 ? Wall(started) : null,
                ["height"] = task.CgId == 2001 ? 1500 : 1080,
            };
        }

        /// <summary>Tile k of n of a frame: tiles render in order, so a rendering frame has finished tiles, one
        /// rendering, the rest waiting.</summary>
        private static JsonObject Tile(EmuRequest r, EmuTask task, EmuFrame f, int k, int n, string typeName)
        {
            RbFrameStatus status;
            long? start = null, end = null;
            var percent = 0;
            long est = 0;
            var span = f.StartMs.HasValue ? Math.Max(
                1000, (f.EndMs ?? f.StartMs.Value + Math.Max(f.PlannedMs, 1000)) - f.StartMs.Value) : 0;
            long TileStart(int i) => f.StartMs!.Value + span * i / n;
            switch (f.Status)
            {
                case RbFrameStatus.Finished:
                    status = RbFrameStatus.Finished; percent = 100; start = TileStart(k); end = TileStart(k + 1);
                    break;
                case RbFrameStatus.Rendering:
                    var progress = Math.Min(
                        0.99, Math.Max(0, (r.NowMs - f.StartMs!.Value) / (double)Math.Max(1, f.PlannedMs)));
                    var doneTiles = (int)Math.Floor(progress * n);
                    if (k < doneTiles) { status = RbFrameStatus.Finished; percent = 100; start = TileStart(k); end = TileStart(k + 1); }
                    else if (k == doneTiles)
                    {
                        status = RbFrameStatus.Rendering; start = TileStart(k); percent = (int)Math.Round((progress * n - doneTiles) * 100);
                        est = Math.Max(0, (TileStart(k + 1) - r.NowMs) / 1000);
                    }
                    else status = RbFrameStatus.Waiting;
                    break;
                case RbFrameStatus.Failed:
                case RbFrameStatus.TimedOut:
                    if (k < n - 1) { status = RbFrameStatus.Finished; percent = 100; start = TileStart(k); end = TileStart(k + 1); }
                    else { status = f.Status; start = TileStart(k); end = f.EndMs; }
                    break;
                case RbFrameStatus.Stopped:
                    status = f.StartMs.HasValue && k < n / 2 ? RbFrameStatus.Finished : RbFrameStatus.Stopped;
                    if (status == RbFrameStatus.Finished) { percent = 100; start = TileStart(k); end = TileStart(k
                        + 1); }
                    break;
                default:
                    status = RbFrameStatus.Waiting;
                    break;
            }
            var used = start.HasValue ? ((end ?? r.NowMs) - start.Value) / 1000 : 0;
            var share = status == RbFrameStatus.Finished || status == RbFrameStatus.Failed
                || status == RbFrameStatus.TimedOut ? 1m / n : 0m;
            return new JsonObject
            {
                ["couponFee"] = (f.Coupon * share).ToString("0.00", CultureInfo.InvariantCulture),
                ["frameIndex"] = f.FrameIndex,
                ["renderInfo"] = status == RbFrameStatus.Rendering ? $"rendering block {Text(k + 1)} of {Text(n)}" : "",
                ["frameBlock"] = Text(k + 1),
                ["frameEst"] = Text(est),
                ["grabUrl"] = start.HasValue
                    ? $"/mnt/output/d2_1/small_pic/{Text(task.UserId)}/{Text(f.TaskId)}/{typeName}_{f.MunuTaskId}_{f.FrameIndex}_block_{Text(k)}[-]tga.jpg"
                    : "",
                ["feeAmount"] = (f.Fee * share).ToString("0.00", CultureInfo.InvariantCulture),
                ["frameUsed"] = Text(Math.Max(0, used)),
                ["frameStatus"] = Text((int)status),
                ["framePercent"] = Text(percent),
                ["isMaxPrice"] = "0",
                ["startTime"] = start.HasValue ? Wall(start) : null,
                ["endTime"] = end.HasValue ? Wall(end) : null,
            };
        }

        /// <summary>An output file: its path from the storage root, size and time.</summary>
        private readonly struct OutFile
        {
            public OutFile(string path, long size, long ms) { Path = path; Size = size; Ms = ms; }
            public string Path { get; }
            public long Size { get; }
            public long Ms { get; }
        }

        private static string FolderOf(EmuTask leaf)
            => leaf.Id.ToString(CultureInfo.InvariantCulture) + "_"
                + System.IO.Path.GetFileNameWithoutExtension(leaf.SceneName);

        /// <summary>Leaf tasks with output: the task itself, or its sub-tasks.</summary>
        private static IEnumerable<EmuTask> Leaves(IEnumerable<EmuTask> tasks)
            => tasks.Where(t => !t.Deleted).SelectMany(t => t.SelfAndDescendants()).Where(x => x.Frames.Count > 0);

        private static IEnumerable<OutFile> Files(EmuStore store, EmuTask leaf)
        {
            var folder = "/" + FolderOf(leaf);
            var layer = string.Join(
                "_", (leaf.LayerName ?? "beauty").Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries));
            if (layer.Length == 0) layer = "beauty";
            var scene = System.IO.Path.GetFileNameWithoutExtension(leaf.SceneName);
            foreach (
                var f in leaf.Frames.Where(f => f.Status == RbFrameStatus.Finished && f.Type != 2 && f.EndMs.HasValue))
            {
                List<int> numbers;
                try { numbers = EmuFrameRange.Parse(f.FrameIndex); }
                catch (FormatException) { numbers = new List<int> { f.Block }; }
                foreach (var n in numbers)
                {
                    var size = 2_000_000L + EmuFarm.Mix(store.SeedValue, f.Id, n, 7) % 30_000_000L;
                    yield return new OutFile(
                        $"{folder}/{layer}/{scene}.{n.ToString("0000", CultureInfo.InvariantCulture)}.exr", size,
                        f.EndMs!.Value);
                }
            }
        }

        private static JsonNode GetOutputUserDirFile(EmuRequest r)
        {
            var tree = "/" + string.Join(
                "/", (r.OptStr("treePath") ?? "/").Replace('\\', '/').Split(
                new[] { '/' }, StringSplitOptions.RemoveEmptyEntries));
            var taskId = r.OptLong("taskId");
            var scope = taskId.HasValue ? new[] { FindTask(r, taskId.Value) } : (IEnumerable<EmuTask>)r.Store.Tasks;
            var leaves = Leaves(scope).ToList();
            var segments = tree.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 0) leaves = leaves.Where(l => FolderOf(l) == segments[0]).ToList();
            var files = leaves.SelectMany(l => Files(r.Store, l)).ToList();
            var prefix = tree == "/" ? "/" : tree + "/";
            if (tree != "/" && files.Any(f => f.Path == tree))
                throw new EmuError(RbCodes.ParameterInvalid, $"treePath {tree} is a file, not a folder.");
            var under = files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (tree != "/" && under.Count == 0)
                throw new EmuError(RbCodes.ResourceNotFound, $"There is no folder {tree} in the output storage.");
            var items = new JsonArray();
            foreach (
                var group in under.GroupBy(f => f.Path.Substring(prefix.Length).Split('/')[0])
                .OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var path = prefix + group.Key;
                var file = group.FirstOrDefault(f => f.Path == path);
                var isFile = file.Path == path;
                items.Add(new JsonObject
                {
                    ["fileName"] = group.Key,
                    ["fileSize"] = isFile ? file.Size : (long?)null,
                    ["iconPath"] = null,
                    ["lastModify"] = Wall(group.Max(f => f.Ms)),
                    ["fileType"] = isFile ? System.IO.Path.GetExtension(group.Key).TrimStart('.') : null,
                    ["filePath"] = path,
                    ["directory"] = !isFile,
                    ["isArrears"] = 0,
                });
            }
            return items;
        }
    }
}
