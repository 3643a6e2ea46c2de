using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Completers
{
    /// <summary>
    /// Completes the plugins of the software (and version, when given) already on the command line: version texts such
    /// as 'mtoa 5.3.0' for -Plugin, plugin names for -Name, ids for -PluginId.
    /// </summary>
    public sealed class PluginCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
        {
            var target = RbSoftwareTarget.Of(farm, line);
            if (target == null) return Enumerable.Empty<RbFarmValue>();
            var part = line.ParameterName == "Name" ? RbPluginPart.Name
                : line.ParameterName == "PluginId" ? RbPluginPart.Id : RbPluginPart.Version;
            // Get-RbPlugin's -Version is a filter with wildcards, not one version
            return farm!.Plugins(target.Software, part == RbPluginPart.Name ? null : target.Version, target.OS, part);
        }
    }
}
