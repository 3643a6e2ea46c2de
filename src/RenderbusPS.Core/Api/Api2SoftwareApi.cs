using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// The farm's software and plugins over API 2.0 (query_plugin): names with versions, no ids (API2-NOTES §3.10).
    /// The document does not say whether the items sit in <c>body.data[]</c> or in the body itself (§5 no. 50): both
    /// are read, and so is a single item.
    /// </summary>
    internal sealed class Api2SoftwareApi : IRbSoftwareReader
    {
        private readonly RbClient client;

        public Api2SoftwareApi(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        /// <summary>Every software version the farm has (or those whose name holds <paramref name="software"/>),
        /// each with its plugins.</summary>
        [RbSendsApi2("query_plugin")]
        public Task<IReadOnlyList<RbApi2SoftwareItem>> QueryAsync(string? software, CancellationToken cancellationToken)
            => client.SendAsync(RbApi2Catalog.QueryPlugin.Operation,
                new RbBody().Add("cg_soft_name", Api2ProjectRules.CheckText(software, "Software", 32)),
                r => Items(r.Data), cancellationToken);

        internal static IReadOnlyList<RbApi2SoftwareItem> Items(System.Text.Json.JsonElement body)
        {
            if (body.ValueKind == System.Text.Json.JsonValueKind.Array)
                return RbWire.List<RbApi2SoftwareItem>(body);
            if (body.ValueKind != System.Text.Json.JsonValueKind.Object) return Array.Empty<RbApi2SoftwareItem>();
            if (body.TryGetProperty("data", out _)) return RbWire.Read<RbApi2List<RbApi2SoftwareItem>>(body).Data;
            var one = RbWire.Read<RbApi2SoftwareItem>(body);
            return one.Software == null ? Array.Empty<RbApi2SoftwareItem>() : new[] { one };
        }

        /// <summary>The software the farm has, one per name ("Maya", "3ds Max"); ids only where Core knows the
        /// name.</summary>
        [RbSendsApi2("query_plugin")]
        public async Task<IReadOnlyList<RbSoftware>> GetSoftwareAsync(CancellationToken cancellationToken)
            => RbApi2ProjectModels.Software(await QueryAsync(null, cancellationToken).ConfigureAwait(false));

        /// <summary>The versions of one software with their plugins. API 2.0 has no OS in its software list: the
        /// versions are the same on both, and say the OS asked for.</summary>
        [RbSendsApi2("query_plugin")]
        public async Task<IReadOnlyList<RbSoftwareVersion>> GetVersionsAsync(RbSoftware software,
            RbOperatingSystem os, CancellationToken cancellationToken)
        {
            if (software == null) throw new ArgumentNullException(nameof(software));
            var name = software.Name ?? "";
            return RbApi2ProjectModels.Versions(await QueryAsync(name, cancellationToken).ConfigureAwait(false),
                name, os);
        }

        /// <summary>The plugins the farm has for a software (by name), each with its software version.</summary>
        [RbSendsApi2("query_plugin")]
        public async Task<IReadOnlyList<RbPlugin>> GetPluginsAsync(string software, RbOperatingSystem os,
            CancellationToken cancellationToken)
        {
            var sw = await ResolveAsync(software, cancellationToken).ConfigureAwait(false);
            var versions = await GetVersionsAsync(sw, os, cancellationToken).ConfigureAwait(false);
            return versions.SelectMany(v => v.Plugins.Select(p => new RbPlugin
            {
                PluginName = p.Name, Version = p.Version, SoftwareId = sw.SoftwareId, SoftwareName = sw.Name,
                SoftwareVersion = v.Version, OS = os,
            })).ToList();
        }

        /// <summary>A software by name (ignoring case, spaces and dashes) or, where Core knows it, by id.</summary>
        [RbSendsApi2("query_plugin")]
        public async Task<RbSoftware> ResolveAsync(string nameOrId, CancellationToken cancellationToken)
        {
            SoftwareApi.CheckSoftware(nameOrId);
            return SoftwareApi.Match(await GetSoftwareAsync(cancellationToken).ConfigureAwait(false), nameOrId);
        }

        /// <summary>
        /// Checks a configuration against the farm (software version, plugins of that version, one version of each
        /// plugin) and gives the texts to send; <c>Rb.UnknownSoftware</c>, <c>Rb.UnknownSoftwareVersion</c>,
        /// <c>Rb.UnknownPlugin</c>, <c>Rb.AmbiguousPlugin</c> or <c>Rb.DuplicatePlugin</c> otherwise, as REST's
        /// environments do. <paramref name="keepPlugins"/> are used when the spec names none.
        /// </summary>
        [RbSendsApi2("query_plugin")]
        public async Task<(string Software, IReadOnlyList<string> Plugins)> ResolveConfigAsync(
            RbProjectConfigSpec spec, IReadOnlyList<string> keepPlugins, CancellationToken cancellationToken)
        {
            var text = spec.SoftwareText ?? "";
            var (name, version) = RbApi2ProjectModels.SplitSoftware(text);
            var all = await QueryAsync(null, cancellationToken).ConfigureAwait(false);
            var software = SoftwareApi.Match(RbApi2ProjectModels.Software(all), name);
            var versions = RbApi2ProjectModels.Versions(all, software.Name ?? name, RbOperatingSystem.Windows);
            var found = versions.FirstOrDefault(v => string.Equals(v.Version, version,
                StringComparison.OrdinalIgnoreCase)) ?? throw new RbValidationException("Rb.UnknownSoftwareVersion",
                string.IsNullOrWhiteSpace(version)
                    ? $"'{text}' names no version of {software.Name}; an API 2.0 configuration needs one."
                    : $"{software.Name} has no version '{version}' at the farm.", "Version",
                $"Give one of: {string.Join(", ", versions.Select(v => v.Version))} (-Software '{software.Name} "
                    + $"{versions.Select(v => v.Version).LastOrDefault()}', or -Version).", version);
            var plugins = new List<string>();
            foreach (var wanted in spec.Plugins ?? keepPlugins)
            {
                var key = (wanted ?? "").Trim();
                var exact = found.Plugins.FirstOrDefault(p => string.Equals(p.Version, key,
                    StringComparison.OrdinalIgnoreCase));
                var byName = found.Plugins.Where(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (exact == null && byName.Count > 1) throw new RbValidationException("Rb.AmbiguousPlugin",
                    $"'{key}' names {byName.Count} versions of the plugin for {software.Name} {found.Version}.",
                    "Plugin", "Name one of: " + string.Join(", ", byName.Select(p => p.Version)) + ".", key);
                var plugin = exact ?? byName.FirstOrDefault() ?? throw new RbValidationException("Rb.UnknownPlugin",
                    $"{software.Name} {found.Version} has no plugin '{key}' at the farm.", "Plugin",
                    "Use one of: " + string.Join(", ", found.Plugins.Select(p => p.Version)) + ".", key);
                plugins.Add(plugin.Version!);
            }
            plugins = plugins.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var twice = plugins.Select(RbApi2ProjectModels.Plugin).GroupBy(p => p.Name,
                StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (twice != null) throw new RbValidationException("Rb.DuplicatePlugin",
                "A configuration holds one version of each plugin; "
                    + $"{string.Join(" and ", twice.Select(p => p.Version))} are two of one.", "Plugin",
                $"Keep one version of {twice.Key}.", twice.Key);
            return (software.Name + " " + found.Version, plugins);
        }
    }
}
