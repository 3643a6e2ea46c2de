using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Completers
{
    /// <summary>Completes the ids of the hardware configurations the platform offers.</summary>
    public sealed class HardwareConfigCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
            => farm?.HardwareConfigs() ?? Enumerable.Empty<RbFarmValue>();
    }
}
