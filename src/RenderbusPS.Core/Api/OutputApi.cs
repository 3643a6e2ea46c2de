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
    /// Walks the output storage one folder per request: each <see cref="NextAsync"/> lists one folder; with recursion
    /// the folders it finds are listed after it (depth first, in the order the service gives them).
    /// </summary>
    public sealed class RbOutputWalk
    {
        private readonly OutputApi api;
        private readonly Stack<string> folders = new Stack<string>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly long? taskId;
        private readonly bool recurse;

        internal RbOutputWalk(OutputApi api, string path, long? taskId, bool recurse)
        {
            this.api = api;
            this.taskId = taskId;
            this.recurse = recurse;
            folders.Push(path);
        }

        public bool IsDone => folders.Count == 0;

        /// <summary>Requests sent so far.</summary>
        public int Requests { get; private set; }

        public async Task<IReadOnlyList<RbOutputFile>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<RbOutputFile>();
            var path = folders.Pop();
            Requests++;
            var items = await api.ListAsync(path, taskId, cancellationToken).ConfigureAwait(false);
            if (recurse)
            {
                foreach (var dir in items.Where(f => f.IsDirectory && f.Path != path && seen.Add(f.Path)).Reverse()) folders.Push(dir.Path);
            }
            return items;
        }

        /// <summary>Everything the walk finds (tests, scripts).</summary>
        public async Task<IReadOnlyList<RbOutputFile>> ReadAllAsync(CancellationToken cancellationToken)
        {
            var all = new List<RbOutputFile>();
            while (!IsDone) all.AddRange(await NextAsync(cancellationToken).ConfigureAwait(false));
            return all;
        }
    }

    /// <summary>What a task shows while and after it renders: its progress grid and its output files.</summary>
    public sealed class OutputApi
    {
        private readonly RbClient client;

        public OutputApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>The progress grid of a task (loadTaskProcessImg): one row per frame, one block per tile.</summary>
        [RbSends("loadTaskProcessImg")]
        public async Task<RbTaskProgress> GetProgressAsync(long taskId, RbProgressPass pass, CancellationToken cancellationToken)
        {
            RbInputRules.CheckIds(new[] { taskId });
            var body = new RbBody().Add("taskId", taskId).Add("frameType", pass == RbProgressPass.Current ? null : (object)(int)pass);
            var response = await client.SendAsync(RbCatalog.LoadTaskProcessImg, body, cancellationToken).ConfigureAwait(false);
            return RbTaskProgress.FromWire(taskId, response.Data);
        }

        /// <summary>Normalises an output path: forward slashes, one leading slash, no trailing slash; refuses '..'.</summary>
        public static string NormalizePath(string? path)
        {
            var p = (path ?? "/").Trim().Replace('\\', '/');
            var parts = p.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Any(s => s == ".." || s == "."))
                throw RbInputRules.OutputPath.Error($"'{path}' climbs out of the folder with '.' or '..'.", path);
            return "/" + string.Join("/", parts);
        }

        /// <summary>One folder of the output storage (getOutputUserDirFile); with a task id, only that task's output.</summary>
        [RbSends("getOutputUserDirFile")]
        public async Task<IReadOnlyList<RbOutputFile>> ListAsync(string path, long? taskId, CancellationToken cancellationToken)
        {
            var tree = NormalizePath(path);
            if (taskId.HasValue) RbInputRules.CheckIds(new[] { taskId.Value });
            var body = new RbBody().Add("treePath", tree).Add("taskId", taskId);
            var response = await client.SendAsync(RbCatalog.GetOutputUserDirFile, body, cancellationToken).ConfigureAwait(false);
            var data = response.Data;
            // the list comes as data itself, or as a page's items
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("items", out var items)) data = items;
            if (data.ValueKind != JsonValueKind.Array) return Array.Empty<RbOutputFile>();
            return data.EnumerateArray().Select(e => RbOutputFile.FromWire(e, taskId)).ToList();
        }

        /// <summary>A walk of the output storage from <paramref name="path"/>, one request per folder.</summary>
        [RbSends("getOutputUserDirFile")]
        public RbOutputWalk Walk(string path, long? taskId, bool recurse)
        {
            var tree = NormalizePath(path);
            if (taskId.HasValue) RbInputRules.CheckIds(new[] { taskId.Value });
            return new RbOutputWalk(this, tree, taskId, recurse);
        }
    }

    /// <summary>Reaches the progress and output operations of a client.</summary>
    public static class OutputApiExtensions
    {
        public static OutputApi Output(this RbClient client) => new OutputApi(client);
    }
}
