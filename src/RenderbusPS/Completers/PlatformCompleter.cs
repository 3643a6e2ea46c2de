using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Completers
{
    /// <summary>Completes render platform (cluster) ids, as the current session's zone lists them.</summary>
    public sealed class PlatformCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
            => farm?.Platforms() ?? Enumerable.Empty<RbFarmValue>();
    }
}
