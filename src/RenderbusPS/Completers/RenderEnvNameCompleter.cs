using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Completers
{
    /// <summary>Completes the names of the account's render environments.</summary>
    public sealed class RenderEnvNameCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
            => farm?.RenderEnvNames() ?? Enumerable.Empty<RbFarmValue>();
    }
}
