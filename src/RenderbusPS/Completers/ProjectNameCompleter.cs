using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Completers
{
    /// <summary>Completes project names: the account's own, or those of the -Scope already given.</summary>
    public sealed class ProjectNameCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
            => farm?.ProjectNames(line.Convert<RbProjectScope>("Scope") ?? RbProjectScope.Own)
                ?? Enumerable.Empty<RbFarmValue>();
    }
}
