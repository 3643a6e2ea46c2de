using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Lists and creates projects in the session's protocol (project/list and add on REST, query_project and
    /// create_project on API 2.0); <see cref="RbSession.ProjectSource"/> picks the one.
    /// </summary>
    internal interface IRbProjectSource
    {
        /// <summary>Refuses a new project the protocol cannot make, before anything is sent.</summary>
        void Check(RbProjectSpec spec);

        Task<IReadOnlyList<RbProject>> GetProjectsAsync(RbProjectQuery query, CancellationToken cancellationToken);

        Task<RbProject> AddProjectAsync(RbProjectSpec spec, CancellationToken cancellationToken);
    }
}
