using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Which pass of a task the progress grid shows (<c>frameType</c>).</summary>
    public enum RbProgressPass
    {
        /// <summary>Whatever the task renders now (frameType left out).</summary>
        Current = 0,
        Photon = 2,
        Main = 5,
    }

    /// <summary>
    /// Walks the output storage one folder per request. Each <see cref="NextAsync"/> gives out one folder's listing;
    /// with recursion the folders it finds follow it (depth first, in the order the service gives them), exactly the
    /// order of a walk that lists one folder at a time. Up to the throttle limit of folders are listed at once: the
    /// walk lists ahead, earliest folders first, at most twice the limit of folders beyond the one given out, so it
    /// streams and never holds the whole tree. A folder that fails throws when its turn comes (the folders before it
    /// have been given out); its sub-folders are not listed. Cancelling a call, or disposing the walk, cancels every
    /// listing in flight and the walk sends nothing more: a folder listed before that is still given out, any other
    /// throws OperationCanceledException.
    /// </summary>
    internal sealed class RbOutputWalk : IDisposable
    {
        private readonly OutputApi api;
        private readonly long? taskId;
        private readonly bool recurse;
        private readonly int limit;
        private readonly int aheadLimit;
        private readonly object gate = new object();
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        // the caller's side: folders still to give out, next on top, and the paths already found (as a one-at-a-time
        // walk keeps them)
        private readonly Stack<Folder> folders = new Stack<Folder>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        // the listing side (under gate): folders known and not yet listed, earliest in walk order first
        private readonly SortedSet<Folder> waiting = new SortedSet<Folder>(Folder.WalkOrder);
        private Folder? wanted;
        private int inFlight;
        private int ahead;
        private int requests;

        internal RbOutputWalk(OutputApi api, string path, long? taskId, bool recurse, int throttleLimit)
        {
            RbInputRules.CheckThrottleLimit(throttleLimit);
            this.api = api;
            this.taskId = taskId;
            this.recurse = recurse;
            limit = throttleLimit;
            aheadLimit = 2 * throttleLimit;
            var root = new Folder(path, null, 0);
            folders.Push(root);
            waiting.Add(root);
        }

        public bool IsDone => folders.Count == 0;

        /// <summary>Requests sent so far (folders listed ahead included).</summary>
        public int Requests
        {
            get { lock (gate) return requests; }
        }

        /// <summary>Requests this walk has in flight at most.</summary>
        public int ThrottleLimit => limit;

        /// <summary>The next folder's listing, as soon as it and every folder before it are in.</summary>
        public async Task<IReadOnlyList<RbOutputFile>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<RbOutputFile>();
            cancellationToken.ThrowIfCancellationRequested();
            var folder = folders.Pop();
            lock (gate) wanted = folder;
            StartListings();
            var listed = folder.Listed.Task;
            if (!listed.IsCompleted)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (stop.Token.Register(() => cancelled.TrySetResult(true)))
                using (cancellationToken.Register(Cancel))
                    await Task.WhenAny(listed, cancelled.Task).ConfigureAwait(false);
            }
            lock (gate)
            {
                wanted = null;
                Release(folder);
            }
            if (!listed.IsCompleted
                || listed.Result.Error is OperationCanceledException) throw new OperationCanceledException(cancellationToken);
            var outcome = listed.Result;
            foreach (var line in outcome.Trace) RbTrace.Write(line);
            if (outcome.Error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(outcome.Error)
                .Throw();
            if (recurse)
            {
                // a folder found twice is listed once, where the one-at-a-time walk first found it
                var kept = new List<Folder>();
                lock (gate)
                {
                    foreach (var child in folder.Children)
                    {
                        if (seen.Add(child.Path)) kept.Add(child);
                        else Drop(child);
                    }
                }
                for (var i = kept.Count - 1; i >= 0; i--) folders.Push(kept[i]);
            }
            StartListings();
            return outcome.Items!;
        }

        /// <summary>Everything the walk finds (tests, scripts). A failure cancels the listings in flight.</summary>
        public async Task<IReadOnlyList<RbOutputFile>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<RbOutputFile>();
            try
            {
                while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                Cancel();
                throw;
            }
            return all;
        }

        /// <summary>Cancels every listing in flight; the walk sends nothing more.</summary>
        public void Dispose() => Cancel();

        private void Cancel()
        {
            try { stop.Cancel(); }
            catch (AggregateException) { }
        }

        /// <summary>
        /// Starts listings while fewer than the limit are in flight: first the folder the caller waits for, then the
        /// earliest known folders, as long as fewer than twice the limit are listed ahead of what was given out.
        /// </summary>
        private void StartListings()
        {
            var start = new List<Folder>();
            lock (gate)
            {
                while (inFlight < limit && !stop.IsCancellationRequested)
                {
                    Folder next;
                    if (wanted != null && !wanted.Started) next = wanted;
                    else
                    {
                        while (waiting.Count > 0 && waiting.Min.IsDropped) waiting.Remove(waiting.Min);
                        if (waiting.Count == 0 || ahead >= aheadLimit) break;
                        next = waiting.Min;
                    }
                    waiting.Remove(next);
                    next.Started = true;
                    next.Ahead = true;
                    ahead++;
                    inFlight++;
                    requests++;
                    start.Add(next);
                }
            }
            foreach (var folder in start) _ = ListAsync(folder);
        }

        private async Task ListAsync(Folder folder)
        {
            // this listing's trace lines are given out with its files, in walk order
            var trace = new System.Collections.Concurrent.ConcurrentQueue<string>();
            RbTrace.Sink = trace.Enqueue;
            Listing outcome;
            try
            {
                outcome = new Listing(
                    await api.ListAsync(folder.Path, taskId, stop.Token).ConfigureAwait(false), null, trace);
            }
            catch (Exception ex)
            {
                outcome = new Listing(null, ex, trace);
            }
            lock (gate)
            {
                inFlight--;
                if (recurse && outcome.Items != null && !folder.IsDropped)
                {
                    var index = 0;
                    foreach (var dir in outcome.Items.Where(f => f.IsDirectory && f.Path != folder.Path))
                    {
                        var child = new Folder(dir.Path, folder, index++);
                        folder.Children.Add(child);
                        waiting.Add(child);
                    }
                }
            }
            folder.Listed.SetResult(outcome);
            StartListings();
        }

        /// <summary>A folder the caller will never be given (found twice): it and what was listed below it stop
        /// counting as ahead.</summary>
        private void Drop(Folder folder)
        {
            folder.Dropped = true;
            Release(folder);
            foreach (var child in folder.Children) Drop(child);
        }

        private void Release(Folder folder)
        {
            if (!folder.Ahead) return;
            folder.Ahead = false;
            ahead--;
        }

        private sealed class Listing
        {
            public Listing(IReadOnlyList<RbOutputFile>? items, Exception? error, IEnumerable<string> trace)
            {
                Items = items;
                Error = error;
                Trace = trace.ToList();
            }

            public IReadOnlyList<RbOutputFile>? Items { get; }
            public Exception? Error { get; }
            public IReadOnlyList<string> Trace { get; }
        }

        /// <summary>A folder of the walk; its place is the list of positions from the root (walk order = their
        /// order).</summary>
        private sealed class Folder
        {
            public static readonly IComparer<Folder> WalkOrder = Comparer<Folder>.Create((a, b) =>
            {
                for (var i = 0; i < Math.Min(a.place.Length, b.place.Length); i++)
                {
                    if (a.place[i] != b.place[i]) return a.place[i].CompareTo(b.place[i]);
                }
                return a.place.Length.CompareTo(b.place.Length);
            });

            private readonly int[] place;

            public Folder(string path, Folder? parent, int index)
            {
                Path = path;
                Parent = parent;
                place = parent == null ? Array.Empty<int>() : parent.place.Concat(new[] { index }).ToArray();
            }

            public string Path { get; }
            public Folder? Parent { get; }
            public List<Folder> Children { get; } = new List<Folder>();
            public TaskCompletionSource<Listing> Listed { get; } = new TaskCompletionSource<Listing>(
                TaskCreationOptions.RunContinuationsAsynchronously);
            public bool Started { get; set; }
            public bool Ahead { get; set; }
            public bool Dropped { get; set; }
            public bool IsDropped => Dropped || (Parent?.IsDropped ?? false);
        }
    }

    /// <summary>What a task shows while and after it renders: its progress grid and its output files.</summary>
    internal sealed class OutputApi
    {
        private readonly RbClient client;

        public OutputApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Folders a walk of this API lists at once (1 = one after another).</summary>
        public int ThrottleLimit => client.ThrottleLimit;

        /// <summary>The progress grid of a task (loadTaskProcessImg): one row per frame, one block per tile.</summary>
        [RbSends(nameof(RbCatalog.LoadTaskProcessImg))]
        public async Task<RbTaskProgress> GetProgressAsync(
            long taskId, RbProgressPass pass, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { taskId });
            var body = new RbBody().Add("taskId", taskId).Add(
                "frameType", pass == RbProgressPass.Current ? null : (object)(int)pass);
            var response = await RbTaskScope.RunAsync(client, taskId,
                () => client.SendAsync(RbCatalog.LoadTaskProcessImg, body, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
            var progress = RbWire.Read<RbTaskProgress>(response.Data);
            progress.TaskId = taskId;
            foreach (var block in progress.Blocks) block.TaskId = taskId;
            return progress;
        }

        /// <summary>Normalises an output path: forward slashes, one leading slash, no trailing slash; refuses
        /// '..'.</summary>
        public static string NormalizePath(string? path)
        {
            var p = (path ?? "/").Trim().Replace('\\', '/');
            var parts = p.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Any(s => s == ".." || s == "."))
                throw RbInputRules.OutputPath.Error($"'{path}' climbs out of the folder with '.' or '..'.", path);
            return "/" + string.Join("/", parts);
        }

        /// <summary>One folder of the output storage (getOutputUserDirFile); with a task id, only that task's
        /// output.</summary>
        [RbSends(nameof(RbCatalog.GetOutputUserDirFile))]
        public async Task<IReadOnlyList<RbOutputFile>> ListAsync(
            string path, long? taskId, CancellationToken cancellationToken)
        {
            var tree = NormalizePath(path);
            if (taskId.HasValue) RbInputRules.CheckIds(new[] { taskId.Value });
            var body = new RbBody().Add("treePath", tree).Add("taskId", taskId);
            var response = taskId.HasValue
                ? await RbTaskScope.RunAsync(client, taskId.Value,
                    () => client.SendAsync(RbCatalog.GetOutputUserDirFile, body, cancellationToken), cancellationToken)
                        .ConfigureAwait(false)
                : await client.SendAsync(RbCatalog.GetOutputUserDirFile, body, cancellationToken).ConfigureAwait(false);
            var data = response.Data;
            // the list comes as data itself, or as a page's items
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("items", out var items)) data = items;
            var files = RbWire.List<RbOutputFile>(data);
            foreach (var file in files) file.TaskId ??= taskId;
            return files;
        }

        /// <summary>
        /// A walk of the output storage from <paramref name="path"/>, one request per folder and up to
        /// <see cref="ThrottleLimit"/> at once, given out in the order of a one-at-a-time depth-first walk. Dispose it
        /// to cancel what it still has in flight when you stop early.
        /// </summary>
        [RbSends(nameof(RbCatalog.GetOutputUserDirFile))]
        public RbOutputWalk Walk(string path, long? taskId, bool recurse)
        {
            var tree = NormalizePath(path);
            if (taskId.HasValue) RbInputRules.CheckIds(new[] { taskId.Value });
            return new RbOutputWalk(this, tree, taskId, recurse, ThrottleLimit);
        }
    }
}
