using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>One value a parameter can take, with what to show beside it.</summary>
    internal sealed class RbFarmValue
    {
        public RbFarmValue(string value, string description)
        {
            Value = value;
            Description = description;
        }

        public string Value { get; }
        public string Description { get; }
    }

    /// <summary>What of a plugin to complete: its version text ("mtoa 5.3.0"), its name ("mtoa"), or its id.</summary>
    internal enum RbPluginPart
    {
        Version,
        Name,
        Id,
    }

    /// <summary>
    /// The values that live on the farm (render environment, project and label names, software versions, plugins,
    /// platforms, hardware), for tab completion. Each list is read with reads only, kept per client (so per session)
    /// for <see cref="Lifetime"/>, and waited for at most <see cref="Budget"/>: a slow or broken service gives nothing
    /// at once, while the read goes on in the background (at most <see cref="FetchTimeout"/>, retries included) and
    /// fills the cache for the next key press. A failed read is kept for <see cref="FailureLifetime"/>, so a broken
    /// service is not asked at every key press. Nothing here throws.
    /// </summary>
    internal sealed class RbFarmValues
    {
        private static readonly ConditionalWeakTable<RbClient, RbFarmValues> perClient =
            new ConditionalWeakTable<RbClient, RbFarmValues>();
        private static readonly IReadOnlyList<RbFarmValue> None = Array.Empty<RbFarmValue>();

        private readonly RbClient client;
        private readonly Func<TimeSpan> clock;
        private readonly object gate = new object();
        private readonly Dictionary<string, (Task<object> Read, TimeSpan Started)> cache =
            new Dictionary<string, (Task<object>, TimeSpan)>(StringComparer.OrdinalIgnoreCase);

        /// <param name="clock">Time since some fixed point (tests move it); a stopwatch by default.</param>
        internal RbFarmValues(RbClient client, Func<TimeSpan>? clock = null)
        {
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            this.clock = clock ?? (() => watch.Elapsed);
        }

        /// <summary>The values of a client: one cache per session.</summary>
        public static RbFarmValues For(RbClient client) => perClient.GetValue(client, c => new RbFarmValues(c));

        /// <summary>The longest the prompt waits for a list.</summary>
        public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>How long a list read is used before it is read again.</summary>
        public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(1);
        /// <summary>How long a failed read stands for the answer before the farm is asked again.</summary>
        public TimeSpan FailureLifetime { get; set; } = TimeSpan.FromSeconds(15);
        /// <summary>The longest a read may go on in the background, retries included.</summary>
        public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>The account's render environments (null when they could not be read in time).</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.GetUserPluginConfig))]
        public IReadOnlyList<RbRenderEnv>? RenderEnvs()
            => Get<IReadOnlyList<RbRenderEnv>>("renderEnvs",
                ct => new SoftwareApi(client).GetRenderEnvsAsync(null, null, ct));

        public IReadOnlyList<RbFarmValue> RenderEnvNames()
            => (RenderEnvs() ?? Array.Empty<RbRenderEnv>()).Where(e => !string.IsNullOrEmpty(e.Name))
                .Select(e => new RbFarmValue(e.Name!,
                    $"{e.Name}: {e.SoftwareName} {e.Version} on {e.OS}{(e.IsDefault ? ", the default" : "")}"))
                .ToList();

        [RbSends(nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
        [RbSendsApi2("query_project")]
        public IReadOnlyList<RbFarmValue> ProjectNames(RbProjectScope scope)
            => Values("projects/" + scope, async ct =>
                (await (client.Protocol == RbApiProtocol.Api2 ? new Api2ProjectsApi(client)
                        : (IRbProjectSource)new ProjectsApi(client))
                    .GetProjectsAsync(new RbProjectQuery { Scope = scope }, ct).ConfigureAwait(false))
                    .Where(p => !string.IsNullOrEmpty(p.Name))
                    .Select(p => new RbFarmValue(p.Name!, $"{p.Name} (project {Text(p.ProjectId)})")));

        /// <summary>
        /// Label names: those on the given tasks, or with none given those on the newest page of tasks (the service
        /// lists labels only on tasks).
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryTaskInfo), nameof(RbCatalog.GetTaskList))]
        public IReadOnlyList<RbFarmValue> LabelNames(IEnumerable<long>? taskIds)
        {
            var ids = (taskIds ?? Array.Empty<long>()).Where(id => id > 0).Distinct().OrderBy(id => id)
                .Take(RbCatalog.TaskIdLimit).ToList();
            return Values("labels/" + string.Join(",", ids), async ct =>
            {
                IReadOnlyList<RbTask> tasks;
                if (ids.Count > 0) tasks = await new TasksApi(client).GetAsync(ids, ct).ConfigureAwait(false);
                else
                {
                    var query = new RbTaskQuery { First = RbCatalog.PageLimit };
                    using var newest = new TasksApi(client.WithThrottleLimit(1)).List(query);
                    tasks = await newest.ReadAllAsync(ct).ConfigureAwait(false);
                }
                return tasks.SelectMany(t => t.SelfAndSubTasks()).SelectMany(t => t.Labels)
                    .GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(g => new RbFarmValue(g.First().Name, $"{g.First().Name} (on {g.Count()} of these tasks)"));
            });
        }

        /// <summary>The versions of a software (name or id) on one OS.</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail))]
        public IReadOnlyList<RbFarmValue> SoftwareVersions(string software, RbOperatingSystem os)
            => Values($"versions/{software.Trim()}/{os}", async ct =>
            {
                var sw = await new SoftwareApi(client).ResolveSoftwareAsync(software, ct).ConfigureAwait(false);
                return (await new SoftwareApi(client).GetVersionsAsync(sw.SoftwareId, os, ct).ConfigureAwait(false))
                    .Where(v => !string.IsNullOrEmpty(v.Version))
                    .Select(v => new RbFarmValue(v.Version!,
                        $"{v.SoftwareName ?? sw.Name} {v.Version} on {os}: {v.Plugins.Count} plugins"));
            });

        /// <summary>The plugins of a software on one OS (of one version when given): version texts, names or
        /// ids.</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail))]
        public IReadOnlyList<RbFarmValue> Plugins(string software, string? version, RbOperatingSystem os,
            RbPluginPart part)
            => Values($"plugins/{software.Trim()}/{version?.Trim()}/{os}/{part}", async ct =>
            {
                var plugins = (await new SoftwareApi(client).GetPluginsAsync(software, os, ct).ConfigureAwait(false))
                    .Where(p => version == null
                        || string.Equals(p.SoftwareVersion, version.Trim(), StringComparison.OrdinalIgnoreCase))
                    .ToList();
                switch (part)
                {
                    case RbPluginPart.Name:
                        return plugins.Where(p => !string.IsNullOrEmpty(p.PluginName))
                            .GroupBy(p => p.PluginName!, StringComparer.OrdinalIgnoreCase)
                            .Select(g => new RbFarmValue(g.Key, $"{g.Key}: {Join(g.Select(p => p.Version))}"));
                    case RbPluginPart.Id:
                        return plugins.Select(p => new RbFarmValue(Text(p.PluginId),
                            $"{Text(p.PluginId)}: {p.Version} for {p.SoftwareName} {p.SoftwareVersion}"));
                    default:
                        return plugins.Where(p => !string.IsNullOrEmpty(p.Version))
                            .GroupBy(p => p.Version!, StringComparer.OrdinalIgnoreCase)
                            .Select(g => new RbFarmValue(g.Key,
                                $"{g.Key} for {g.First().SoftwareName} {Join(g.Select(p => p.SoftwareVersion))}"));
                }
            });

        [RbSends(nameof(RbCatalog.QueryPlatforms))]
        public IReadOnlyList<RbFarmValue> Platforms()
            => Values("platforms", async ct =>
                (await new AccountApi(client).GetPlatformsAsync(ct).ConfigureAwait(false))
                    .Select(p => new RbFarmValue(Text(p.Platform), $"{Text(p.Platform)}: {p.Name} (status "
                        + (p.Status.HasValue ? Text(p.Status.Value) : "unknown") + ")")));

        /// <summary>The platform's hardware configurations that can be chosen.</summary>
        [RbSends(nameof(RbCatalog.HardwareConfigList))]
        public IReadOnlyList<RbFarmValue> HardwareConfigs()
            => Values("hardware", async ct =>
                (await new TasksApi(client).GetHardwareConfigsAsync(null, ct).ConfigureAwait(false))
                    .Where(h => h.Enabled)
                    .Select(h => new RbFarmValue(Text(h.HardwareConfigId), $"{Text(h.HardwareConfigId)}: {h.Model}, "
                        + h.Ram + (h.GpuCount == null ? "" : $", {h.GpuCount} GPU"))));

        private IReadOnlyList<RbFarmValue> Values(string key,
            Func<CancellationToken, Task<IEnumerable<RbFarmValue>>> read)
            => Get<IReadOnlyList<RbFarmValue>>(key, async ct => (await read(ct).ConfigureAwait(false)).ToList())
               ?? None;

        /// <summary>The cached read of <paramref name="key"/>, started when missing or old; null unless it is in
        /// within the budget.</summary>
        private T? Get<T>(string key, Func<CancellationToken, Task<T>> read) where T : class
        {
            Task<object> task;
            var now = clock();
            lock (gate)
            {
                if (!cache.TryGetValue(key, out var entry) || IsStale(entry.Read, now - entry.Started))
                {
                    entry = (Start(read), now);
                    cache[key] = entry;
                }
                task = entry.Read;
            }
            try
            {
                return task.Wait(Budget) ? task.Result as T : null;
            }
            catch (AggregateException)
            {
                return null;
            }
        }

        private bool IsStale(Task<object> read, TimeSpan age)
            => read.IsCompleted && age >= (read.Status == TaskStatus.RanToCompletion ? Lifetime : FailureLifetime);

        /// <summary>Runs a read on the thread pool, never on the prompt's thread, for at most
        /// <see cref="FetchTimeout"/>.</summary>
        private Task<object> Start<T>(Func<CancellationToken, Task<T>> read) where T : class
        {
            var limit = FetchTimeout;
            return Task.Run(async () =>
            {
                using var timeout = new CancellationTokenSource(limit);
                return (object)await read(timeout.Token).ConfigureAwait(false);
            });
        }

        private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

        private static string Join(IEnumerable<string?> texts)
            => string.Join(", ", texts.Where(t => t != null).Distinct());
    }
}
