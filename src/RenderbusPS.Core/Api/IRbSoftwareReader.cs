using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Reads the farm's software and plugins in the session's protocol (querySoftwareList/Detail on REST,
    /// query_plugin on API 2.0); <see cref="RbSession.SoftwareReader"/> picks the one.</summary>
    internal interface IRbSoftwareReader
    {
        Task<IReadOnlyList<RbSoftware>> GetSoftwareAsync(CancellationToken cancellationToken);

        Task<IReadOnlyList<RbSoftwareVersion>> GetVersionsAsync(RbSoftware software, RbOperatingSystem os,
            CancellationToken cancellationToken);

        Task<IReadOnlyList<RbPlugin>> GetPluginsAsync(string software, RbOperatingSystem os,
            CancellationToken cancellationToken);
    }
}
