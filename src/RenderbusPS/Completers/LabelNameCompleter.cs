using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Completers
{
    /// <summary>
    /// Completes label names: for a removal, the labels on the tasks of -Id; otherwise (or without -Id) the labels on
    /// the newest tasks, to use again.
    /// </summary>
    public sealed class LabelNameCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
            => farm?.LabelNames(line.Verb == "Remove" ? line.Ids("Id") : null) ?? Enumerable.Empty<RbFarmValue>();
    }
}
