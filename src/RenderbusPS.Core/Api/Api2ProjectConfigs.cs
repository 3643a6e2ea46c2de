using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// A project's software configurations over API 2.0 (operate_project with <c>operate_type</c> 0 add, 1 modify,
    /// 2 delete), read and written as <see cref="RbRenderEnv"/>s. Each change is planned (reads only) before it is
    /// sent, so -WhatIf and bad input send nothing that changes the farm.
    /// </summary>
    internal sealed class Api2ProjectConfigs
    {
        private readonly Api2ProjectsApi projects;
        private readonly Api2SoftwareApi software;

        public Api2ProjectConfigs(Api2ProjectsApi projects, Api2SoftwareApi software)
        {
            this.projects = projects ?? throw new ArgumentNullException(nameof(projects));
            this.software = software ?? throw new ArgumentNullException(nameof(software));
        }

        /// <summary>The configurations of the project a reference names.</summary>
        [RbSendsApi2("query_project")]
        public async Task<IReadOnlyList<RbRenderEnv>> GetConfigsAsync(RbProject project,
            CancellationToken cancellationToken)
            => (await projects.FindAsync(project, cancellationToken).ConfigureAwait(false)).Configs;

        /// <summary>
        /// Plans a new configuration (<paramref name="current"/> null) or a change to one (by its id): finds the
        /// project and the configuration, and checks the software and plugins against the farm. Reads only.
        /// </summary>
        [RbSendsApi2("query_project", "query_plugin")]
        public async Task<RbProjectConfigPlan> PlanAsync(RbProject project, long? current, RbProjectConfigSpec spec,
            CancellationToken cancellationToken)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            foreach (var p in spec.RestOnly) throw new RbValidationException("Rb.NotInProtocol",
                $"-{p} is a setting of REST's render environments; an API 2.0 project configuration has none, and "
                + "nothing was sent.", p, $"Leave -{p} out: a configuration holds a software version and plugins.");
            if (current == null && string.IsNullOrWhiteSpace(spec.Software))
                throw RbInputRules.SoftwareName.Error("-Software is needed to add a configuration.", spec.Software);
            if (current != null && spec.Software == null && spec.Version == null && spec.Plugins == null
                && !spec.MakeDefault)
                throw RbInputRules.NoRenderEnvChange.Error($"Nothing to change on configuration {current}.", current);
            var found = await projects.FindAsync(project, cancellationToken).ConfigureAwait(false);
            var config = current == null ? null : Find(found, current.Value);
            var keep = config?.Plugins.Select(p => p.Version ?? "").ToList() ?? new List<string>();
            // a change that names no software keeps the configuration's (and its version unless given), which the
            // farm needs again
            var named = spec.Software == null && config != null ? new RbProjectConfigSpec
            {
                Software = spec.Version == null ? (string?)config.Extra["cg_soft_name"] : config.SoftwareName,
                Version = spec.Version, Plugins = spec.Plugins, MakeDefault = spec.MakeDefault,
            } : spec;
            var (text, plugins) = await software.ResolveConfigAsync(named, keep, cancellationToken)
                .ConfigureAwait(false);
            return new RbProjectConfigPlan(found, config, text, plugins, spec.MakeDefault);
        }

        /// <summary>
        /// Adds the planned configuration (operate_type 0) and reads it back. Adding twice adds two: never sent again
        /// after a lost answer (<see cref="RbApi2Catalog.OperateProjectAdd"/>), which is <c>Rb.OutcomeUnknown</c>.
        /// </summary>
        [RbSendsApi2("operate_project", "query_project")]
        public async Task<RbRenderEnv> AddAsync(RbProjectConfigPlan plan, CancellationToken cancellationToken)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            // the configurations just before the add (the plan's may be stale), so the new one is told apart
            var before = new HashSet<long?>((await GetConfigsAsync(plan.Project, cancellationToken)
                .ConfigureAwait(false)).Select(c => c.ConfigId));
            await projects.SendAsync(RbApi2Catalog.OperateProjectAdd, Body(plan, 0), cancellationToken)
                .ConfigureAwait(false);
            var after = await GetConfigsAsync(plan.Project, cancellationToken).ConfigureAwait(false);
            return after.LastOrDefault(c => !before.Contains(c.ConfigId) && string.Equals(
                    (string?)c.Extra["cg_soft_name"], plan.Software, StringComparison.OrdinalIgnoreCase))
                ?? throw new RbProtocolException(
                $"The farm accepted a configuration of {plan.Software} for project '{plan.Project.Name}' but does not "
                + "list it.", RbApi2Catalog.Path);
        }

        /// <summary>Changes the planned configuration (operate_type 1: setting twice acts once) and reads it
        /// back.</summary>
        [RbSendsApi2("operate_project", "query_project")]
        public async Task<RbRenderEnv> SetAsync(RbProjectConfigPlan plan, CancellationToken cancellationToken)
        {
            if (plan?.Current == null) throw new ArgumentException("A change needs the configuration.", nameof(plan));
            await projects.SendAsync(RbApi2Catalog.OperateProject, Body(plan, 1).Add("config_id",
                Api2ProjectsApi.Text(plan.Current.ConfigId!.Value)), cancellationToken).ConfigureAwait(false);
            return Find(await projects.FindAsync(plan.Project, cancellationToken).ConfigureAwait(false),
                plan.Current.ConfigId.Value);
        }

        /// <summary>Deletes one configuration of a found project (operate_type 2 with its id).</summary>
        [RbSendsApi2("operate_project")]
        public Task RemoveAsync(RbProject project, long configId, CancellationToken cancellationToken)
        {
            Find(project, configId);
            return projects.SendAsync(RbApi2Catalog.OperateProject, projects.Target(project)
                .Add("operate_type", "2").Add("config_id", Api2ProjectsApi.Text(configId)), cancellationToken);
        }

        /// <summary>Deletes every configuration of a found project: operate_type 2 without a configuration id, which
        /// the document defines so.</summary>
        [RbSendsApi2("operate_project")]
        public Task RemoveAllAsync(RbProject project, CancellationToken cancellationToken)
            => projects.SendAsync(RbApi2Catalog.OperateProject, projects.Target(project)
                .Add("operate_type", "2"), cancellationToken);

        private Http.RbBody Body(RbProjectConfigPlan plan, int type)
            => projects.Target(plan.Project).Add("operate_type", type.ToString(CultureInfo.InvariantCulture))
                .Add("cg_soft_name", plan.Software)
                .Add("plugin_name", type == 0 && plan.Plugins.Count == 0 ? null : string.Join(",", plan.Plugins))
                .Add("is_default", plan.MakeDefault ? "1" : null);

        /// <summary>The configuration of that id in a found project, or <c>Rb.RenderEnvNotFound</c>.</summary>
        public static RbRenderEnv Find(RbProject project, long configId)
            => project.Configs.FirstOrDefault(c => c.ConfigId == configId) ?? throw new RbValidationException(
                "Rb.RenderEnvNotFound", $"Project '{project.Name}' has no configuration {configId}.", "ConfigId",
                project.Configs.Count == 0 ? "Add one with New-RbRenderEnv -Project."
                    : "Use one of: " + string.Join(", ", project.Configs.Select(c => c.ConfigId)) + ".", configId);
    }
}
