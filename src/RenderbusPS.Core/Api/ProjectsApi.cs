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
    /// <summary>Projects (the v1 protocol's labels): list, add, delete. The service names projects by name on add and
    /// delete.</summary>
    internal sealed class ProjectsApi : IRbProjectSource
    {
        private readonly RbClient client;

        public ProjectsApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>
        /// The projects in a scope. project/list takes the scope as <c>flag</c>; where it is not served (the service
        /// answers 400 "No API", or the session's path set has no such path) the older getList answers instead, which
        /// knows no scope and lists the account's own projects.
        /// </summary>
        [RbSends(nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
        public async Task<IReadOnlyList<RbProject>> GetProjectsAsync(
            RbProjectScope scope, CancellationToken cancellationToken)
        {
            if (RbCatalog.ListProjects.PathFor(client.PathSet) != null)
            {
                try
                {
                    var response = await client.SendAsync(
                        RbCatalog.ListProjects, new RbBody().Add("flag", (int)scope), cancellationToken)
                        .ConfigureAwait(false);
                    return Read(response.Data);
                }
                catch (RbApiException ex) when (ex.Code == RbCodes.ApiError)
                {
                    // not served here: fall back to getList
                }
            }
            var old = await client.SendAsync(RbCatalog.GetProjectList, null, cancellationToken).ConfigureAwait(false);
            return Read(old.Data);
        }

        /// <summary>The projects of a query; API 2.0's filters are refused before anything is sent.</summary>
        [RbSends(nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
        public Task<IReadOnlyList<RbProject>> GetProjectsAsync(RbProjectQuery query,
            CancellationToken cancellationToken)
        {
            RbApi2Only.Refuse("Owner", query.Owner);
            RbApi2Only.Refuse("Software", query.Software);
            return GetProjectsAsync(query.Scope, cancellationToken);
        }

        /// <summary>REST's rule for a new project's name; what only API 2.0 keeps (path, OS, remark, owner) is
        /// refused.</summary>
        public void Check(RbProjectSpec spec)
        {
            RbInputRules.CheckProjectName(spec.Name);
            RbApi2Only.Refuse("Path", spec.Path);
            RbApi2Only.Refuse("RenderOS", spec.RenderOS);
            RbApi2Only.Refuse("Remark", spec.Remark);
            RbApi2Only.Refuse("Owner", spec.Owner);
        }

        [RbSends(nameof(RbCatalog.AddProject), nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
        public Task<RbProject> AddProjectAsync(RbProjectSpec spec, CancellationToken cancellationToken)
        {
            Check(spec);
            return AddProjectAsync(spec.Name, cancellationToken);
        }

        private static IReadOnlyList<RbProject> Read(System.Text.Json.JsonElement data)
            => RbWire.Read<RbProjectList>(data).Projects;

        /// <summary>Adds a project (status 1, as the official client sends) and reads it back.</summary>
        [RbSends(nameof(RbCatalog.AddProject), nameof(RbCatalog.ListProjects), nameof(RbCatalog.GetProjectList))]
        public async Task<RbProject> AddProjectAsync(string name, CancellationToken cancellationToken)
        {
            var n = RbInputRules.CheckProjectName(name);
            await client.SendAsync(
                RbCatalog.AddProject, new RbBody().Add("newName", n).Add("status", 1), cancellationToken)
                .ConfigureAwait(false);
            var all = await GetProjectsAsync(RbProjectScope.Own, cancellationToken).ConfigureAwait(false);
            return all.FirstOrDefault(p => string.Equals(p.Name, n, StringComparison.Ordinal))
                ?? throw new RbProtocolException(
                    $"The service accepted project '{n}' but does not list it.", RbCatalog.ListProjects.Path);
        }

        /// <summary>Deletes a project by name (<c>delName</c>).</summary>
        [RbSends(nameof(RbCatalog.DeleteProject))]
        public async Task RemoveProjectAsync(string name, CancellationToken cancellationToken)
        {
            var n = RbInputRules.CheckProjectName(name);
            await client.SendAsync(RbCatalog.DeleteProject, new RbBody().Add("delName", n), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
