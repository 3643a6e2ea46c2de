using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Software catalog and render environments.</summary>
    internal sealed class SoftwareApi : IRbSoftwareReader
    {
        private readonly RbClient client;

        public SoftwareApi(RbClient client) => this.client = client
            ?? throw new System.ArgumentNullException(nameof(client));

        /// <summary>The software the farm supports.</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareList))]
        public async Task<IReadOnlyList<RbSoftware>> GetSoftwareAsync(CancellationToken cancellationToken)
        {
            var response = await client.SendAsync(RbCatalog.QuerySoftwareList, null, cancellationToken)
                .ConfigureAwait(false);
            var answer = RbWire.Read<RbSoftwareList>(response.Data);
            foreach (var software in answer.Software) software.IsDefault = software.SoftwareId == answer.DefaultId;
            return answer.Software;
        }

        /// <summary>Versions of one software on one OS, each with its plugin versions.</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareDetail))]
        public async Task<IReadOnlyList<RbSoftwareVersion>> GetVersionsAsync(
            int softwareId, RbOperatingSystem os, CancellationToken cancellationToken)
        {
            // The official client names the OS as text here ("windows"/"linux"), unlike getUserPluginConfig's 0/1.
            var body = new RbBody().Add("cgId", softwareId).Add("osName", OsText(os));
            var response = await client.SendAsync(RbCatalog.QuerySoftwareDetail, body, cancellationToken)
                .ConfigureAwait(false);
            return RbWire.Read<RbSoftwareDetail>(response.Data).On(os);
        }

        [RbSends(nameof(RbCatalog.QuerySoftwareDetail))]
        Task<IReadOnlyList<RbSoftwareVersion>> IRbSoftwareReader.GetVersionsAsync(RbSoftware software,
            RbOperatingSystem os, CancellationToken cancellationToken)
            => GetVersionsAsync(software.SoftwareId, os, cancellationToken);

        /// <summary>querySoftwareDetail's <c>osName</c> as the official client sends it.</summary>
        public static string OsText(RbOperatingSystem os) => os == RbOperatingSystem.Linux ? "linux" : "windows";

        /// <summary>The plugin versions the farm offers for a software (name or id) on one OS, each with its software
        /// version.</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail))]
        public async Task<IReadOnlyList<RbPlugin>> GetPluginsAsync(
            string software, RbOperatingSystem os, CancellationToken cancellationToken)
        {
            var sw = await ResolveSoftwareAsync(software, cancellationToken).ConfigureAwait(false);
            if (os == RbOperatingSystem.Linux && !sw.SupportsLinux)
                throw new RbValidationException(
                    "Rb.UnsupportedOS", $"{sw.Name} does not render on Linux at the farm.", "OS", "Use -OS Windows.",
                    os);
            var versions = await GetVersionsAsync(sw.SoftwareId, os, cancellationToken).ConfigureAwait(false);
            return versions.SelectMany(v => v.Plugins.Select(p => new RbPlugin
            {
                PluginId = p.PluginId,
                PluginName = p.Name,
                Version = p.Version,
                SoftwareId = sw.SoftwareId,
                SoftwareName = v.SoftwareName ?? sw.Name,
                SoftwareVersion = v.Version,
                OS = os,
            })).ToArray();
        }

        /// <summary>A software's name or id, trimmed; a blank one is refused before the farm is asked.</summary>
        public static string CheckSoftware(string? nameOrId)
        {
            var key = (nameOrId ?? "").Trim();
            return key.Length > 0 ? key : throw RbInputRules.SoftwareName.Error(
                "-Software is empty or white space.", nameOrId);
        }

        /// <summary>Finds a software by name (case-insensitive) or id; a clear error lists what exists
        /// otherwise.</summary>
        public async Task<RbSoftware> ResolveSoftwareAsync(string nameOrId, CancellationToken cancellationToken)
        {
            CheckSoftware(nameOrId);
            var all = await GetSoftwareAsync(cancellationToken).ConfigureAwait(false);
            return Match(all, nameOrId);
        }

        internal static RbSoftware Match(IReadOnlyList<RbSoftware> all, string nameOrId)
        {
            var key = CheckSoftware(nameOrId);
            var found = int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                ? all.FirstOrDefault(s => s.SoftwareId == id)
                : all.FirstOrDefault(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase))
                  ?? all.FirstOrDefault(
                      s => string.Equals(Squash(s.Name), Squash(key), StringComparison.OrdinalIgnoreCase));
            return found ?? throw new RbValidationException("Rb.UnknownSoftware",
                $"The farm has no software named '{nameOrId}'.", "Software",
                "Use one of: " + string.Join(", ", all.Select(s => $"{s.Name} ({s.SoftwareId})")) + ".", nameOrId);
        }

        /// <summary>Resolves several names or ids with one catalog read.</summary>
        public async Task<IReadOnlyCollection<int>> ResolveSoftwareIdsAsync(
            IEnumerable<string> namesOrIds, CancellationToken cancellationToken)
        {
            var wanted = namesOrIds.Select(CheckSoftware).ToList();
            var all = await GetSoftwareAsync(cancellationToken).ConfigureAwait(false);
            return wanted.Select(n => Match(all, n).SoftwareId).Distinct().ToArray();
        }

        private static string Squash(string? s) => new string((s ?? "").Where(char.IsLetterOrDigit).ToArray());

        /// <summary>The user's render environments for the given software ids (all software when none are
        /// given).</summary>
        [RbSends(nameof(RbCatalog.GetUserPluginConfig))]
        public async Task<IReadOnlyList<RbRenderEnv>> GetRenderEnvsAsync(
            IReadOnlyCollection<int>? softwareIds, RbOperatingSystem? os, CancellationToken cancellationToken)
        {
            var ids = softwareIds != null && softwareIds.Count > 0
                ? softwareIds.Distinct().ToArray()
                : (await GetSoftwareAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.SoftwareId).ToArray();
            if (ids.Length == 0) return Array.Empty<RbRenderEnv>();
            // The service reads a missing osName as 1 (Windows), so it is always sent, as the official client does;
            // "every OS" is one call per OS.
            var list = new List<RbRenderEnv>();
            foreach (
                var one in os.HasValue ? new[] { os.Value }
                : new[] { RbOperatingSystem.Windows, RbOperatingSystem.Linux })
            {
                var body = new RbBody()
                    .Add(ids.Length == 1 ? "cgId" : "cgIds", ids.Length == 1 ? (object)ids[0] : ids)
                    .Add("osName", (int)one);
                var response = await client.SendAsync(RbCatalog.GetUserPluginConfig, body, cancellationToken)
                    .ConfigureAwait(false);
                list.AddRange(RbWire.List<RbRenderEnv>(response.Data));
            }
            return list;
        }

        /// <summary>
        /// Resolves a new environment against the catalog (software, version, plugins) and checks the name is free.
        /// Reads only; throws RbValidationException naming what was wrong and what exists.
        /// </summary>
        [RbSends(
            nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail),
            nameof(RbCatalog.GetUserPluginConfig))]
        public async Task<RbRenderEnvPlan> PlanRenderEnvAsync(RbRenderEnvSpec spec, CancellationToken cancellationToken)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            RbInputRules.CheckRenderEnvName(spec.Name);
            // one read of the software list serves both the resolving and the environments of every software
            var all = await GetSoftwareAsync(cancellationToken).ConfigureAwait(false);
            var plan = await ResolveAsync(spec, all, cancellationToken).ConfigureAwait(false);
            var existing = await GetRenderEnvsAsync(all.Select(s => s.SoftwareId).ToArray(), null, cancellationToken)
                .ConfigureAwait(false);
            if (existing.Any(e => string.Equals(e.Name, spec.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                throw new RbValidationException(
                    "Rb.RenderEnvExists", $"A render environment named '{spec.Name}' already exists.", "Name",
                    "Choose another name, or change it with Set-RbRenderEnv.", spec.Name);
            return plan;
        }

        /// <summary>Resolves software, version and plugins of a spec against the catalog <paramref name="all"/> (reads
        /// only).</summary>
        private async Task<RbRenderEnvPlan> ResolveAsync(
            RbRenderEnvSpec spec, IReadOnlyList<RbSoftware> all, CancellationToken cancellationToken)
        {
            var software = Match(all, spec.Software);
            if (spec.OS == RbOperatingSystem.Linux && !software.SupportsLinux)
                throw new RbValidationException(
                    "Rb.UnsupportedOS", $"{software.Name} does not render on Linux at the farm.", "OS",
                    "Use -OS Windows.", spec.OS);
            var versions = await GetVersionsAsync(software.SoftwareId, spec.OS, cancellationToken)
                .ConfigureAwait(false);
            var version = versions.FirstOrDefault(
                v => string.Equals(v.Version, spec.Version?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new RbValidationException("Rb.UnknownSoftwareVersion",
                    $"{software.Name} has no version '{spec.Version}' on {spec.OS}.", "Version",
                    "Use one of: " + string.Join(", ", versions.Select(v => v.Version)) + ".", spec.Version);

            var plugins = new List<RbPluginVersion>();
            foreach (var pid in spec.PluginIds ?? Array.Empty<long>())
            {
                plugins.Add(version.Plugins.FirstOrDefault(p => p.PluginId == pid)
                    ?? throw UnknownPlugin(pid.ToString(CultureInfo.InvariantCulture), software, version));
            }
            foreach (var text in spec.Plugins ?? Array.Empty<string>())
            {
                var key = (text ?? "").Trim();
                var exact = version.Plugins.FirstOrDefault(
                    p => string.Equals(p.Version, key, StringComparison.OrdinalIgnoreCase));
                var byName = version.Plugins.Where(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
                    .ToArray();
                if (exact == null && byName.Length > 1)
                    throw new RbValidationException(
                        "Rb.AmbiguousPlugin",
                        $"'{key}' names {byName.Length} versions of the plugin for {software.Name} {version.Version}.",
                        "Plugin",
                        "Name one of: " + string.Join(", ", byName.Select(p => p.Version)) + ".", key);
                plugins.Add(exact ?? byName.FirstOrDefault() ?? throw UnknownPlugin(key, software, version));
            }
            plugins = plugins.GroupBy(p => p.PluginId).Select(g => g.First()).ToList();
            return new RbRenderEnvPlan(spec, software, version, plugins);
        }

        private static RbValidationException UnknownPlugin(string key, RbSoftware software, RbSoftwareVersion version)
            => new RbValidationException(
                "Rb.UnknownPlugin", $"{software.Name} {version.Version} has no plugin '{key}'.", "PluginId",
                version.Plugins.Count == 0 ? "This version has no plugins at the farm; leave plugins out."
                    : "Use one of: " + string.Join(", ", version.Plugins.Select(p => $"{p.Version} ({p.PluginId})"))
                        + ".", key);

        /// <summary>Adds a planned environment and reads it back.</summary>
        [RbSends(nameof(RbCatalog.AddUserPluginConfig), nameof(RbCatalog.GetUserPluginConfig))]
        public async Task<RbRenderEnv> AddRenderEnvAsync(RbRenderEnvPlan plan, CancellationToken cancellationToken)
        {
            var name = plan.Spec.Name.Trim();
            await client.SendAsync(RbCatalog.AddUserPluginConfig, EnvBody(plan), cancellationToken)
                .ConfigureAwait(false);
            return await ReadBackAsync(
                plan.Software.SoftwareId, plan.Spec.OS, name, $"render environment '{name}'", cancellationToken)
                .ConfigureAwait(false);
        }

        /// <summary>add and edit take the same body: the whole environment.</summary>
        private static RbBody EnvBody(RbRenderEnvPlan plan)
            => new RbBody()
                .Add("cgId", plan.Software.SoftwareId)
                .Add("cgName", plan.Version.SoftwareName ?? plan.Software.Name)
                .Add("cgVersion", plan.Version.Version)
                .Add("renderLayerType", plan.Spec.RenderLayerType)
                .Add("editName", plan.Spec.Name.Trim())
                .Add("renderSystem", ((int)plan.Spec.OS).ToString(CultureInfo.InvariantCulture))
                .Add("pluginIds", plan.Plugins.Select(p => p.PluginId).ToArray())
                .Add("projectPath", string.IsNullOrWhiteSpace(plan.Spec.ProjectPath) ? null : plan.Spec.ProjectPath);

        /// <summary>The environment as the service lists it after a change it accepted (<paramref name="what"/>: what
        /// it accepted).</summary>
        private async Task<RbRenderEnv> ReadBackAsync(
            int softwareId, RbOperatingSystem os, string name, string what, CancellationToken cancellationToken)
        {
            var envs = await GetRenderEnvsAsync(new[] { softwareId }, os, cancellationToken).ConfigureAwait(false);
            return envs.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal))
                ?? throw new RbProtocolException(
                    $"The service accepted {what} but does not list it.", RbCatalog.GetUserPluginConfig.Path);
        }

        /// <summary>The environment of that name (any software, either OS), or a clear error listing what
        /// exists.</summary>
        [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.GetUserPluginConfig))]
        public async Task<RbRenderEnv> FindRenderEnvAsync(string name, CancellationToken cancellationToken)
        {
            RbInputRules.CheckRenderEnvName(name);
            return Find(name, await GetRenderEnvsAsync(null, null, cancellationToken).ConfigureAwait(false));
        }

        private static RbRenderEnv Find(string name, IReadOnlyList<RbRenderEnv> all)
        {
            var key = RbInputRules.CheckRenderEnvName(name);
            return all.FirstOrDefault(e => string.Equals(e.Name, key, StringComparison.Ordinal))
                ?? all.FirstOrDefault(e => string.Equals(e.Name, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new RbValidationException(
                    "Rb.RenderEnvNotFound", $"There is no render environment named '{key}'.", "Name",
                    all.Count == 0 ? "Create one with New-RbRenderEnv." : "Use one of: "
                        + string.Join(", ", all.Select(e => e.Name)) + ".", name);
        }

        /// <summary>
        /// Plans a change to an existing environment: what is not given stays as it is (plugins are kept by their
        /// version text, so they follow a new software version when it offers them). Reads only; throws
        /// RbValidationException.
        /// </summary>
        [RbSends(
            nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail),
            nameof(RbCatalog.GetUserPluginConfig))]
        public async Task<RbRenderEnvEdit> PlanRenderEnvEditAsync(
            RbRenderEnvChange change, CancellationToken cancellationToken)
        {
            if (change == null) throw new ArgumentNullException(nameof(change));
            if (!change.ChangesSettings && !change.MakeDefault)
                throw RbInputRules.NoRenderEnvChange.Error(
                    $"Nothing to change on render environment '{change.Name}'.", change.Name);
            RbInputRules.CheckRenderEnvName(change.Name);
            // one read of the software list serves both finding the environment and resolving its new settings
            var software = await GetSoftwareAsync(cancellationToken).ConfigureAwait(false);
            var current = Find(
                change.Name, await GetRenderEnvsAsync(
                software.Select(s => s.SoftwareId).ToArray(), null, cancellationToken).ConfigureAwait(false));
            RbRenderEnvPlan? plan = null;
            if (change.ChangesSettings)
            {
                var keepPlugins = change.PluginIds == null && change.Plugins == null;
                var spec = new RbRenderEnvSpec
                {
                    Name = current.Name ?? change.Name,
                    Software = current.SoftwareId.ToString(CultureInfo.InvariantCulture),
                    Version = change.Version ?? current.Version ?? "",
                    OS = change.OS ?? current.OS,
                    PluginIds = change.PluginIds ?? Array.Empty<long>(),
                    Plugins = keepPlugins ? current.Plugins.Select(p => p.Version ?? p.Name ?? "").ToArray()
                        : (change.Plugins ?? Array.Empty<string>()),
                    RenderLayerType = change.RenderLayerType ?? current.RenderLayerType,
                    ProjectPath = change.ProjectPath ?? current.ProjectPath,
                };
                plan = await ResolveAsync(spec, software, cancellationToken).ConfigureAwait(false);
            }
            return new RbRenderEnvEdit(current, plan, change.MakeDefault);
        }

        /// <summary>Sends a planned change (editUserPluginConfig, then setDefaultUserPluginConfig when asked) and reads
        /// the environment back.</summary>
        [RbSends(
            nameof(RbCatalog.EditUserPluginConfig), nameof(RbCatalog.SetDefaultUserPluginConfig),
            nameof(RbCatalog.GetUserPluginConfig))]
        public async Task<RbRenderEnv> ApplyRenderEnvEditAsync(
            RbRenderEnvEdit edit, CancellationToken cancellationToken)
        {
            if (edit == null) throw new ArgumentNullException(nameof(edit));
            var name = edit.Current.Name ?? "";
            if (edit.Plan != null) await client.SendAsync(
                RbCatalog.EditUserPluginConfig, EnvBody(edit.Plan), cancellationToken).ConfigureAwait(false);
            if (edit.MakeDefault)
                await client.SendAsync(
                    RbCatalog.SetDefaultUserPluginConfig, new RbBody().Add("editName", name), cancellationToken)
                    .ConfigureAwait(false);
            return await ReadBackAsync(edit.Current.SoftwareId, edit.Plan?.Spec.OS ?? edit.Current.OS, name,
                $"the change to render environment '{name}'", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Deletes an environment by name (<c>editName</c>).</summary>
        [RbSends(nameof(RbCatalog.DeleteUserPluginConfig))]
        public async Task RemoveRenderEnvAsync(string name, CancellationToken cancellationToken)
        {
            var key = RbInputRules.CheckRenderEnvName(name);
            await client.SendAsync(
                RbCatalog.DeleteUserPluginConfig, new RbBody().Add("editName", key), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
