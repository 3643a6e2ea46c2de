using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Completers
{
    /// <summary>
    /// Completes the versions of the software already given (-Software), on the -OS given (Windows by default); for a
    /// render environment named by -Name, the versions of its software on its OS.
    /// </summary>
    public sealed class SoftwareVersionCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
        {
            var target = RbSoftwareTarget.Of(farm, line);
            return target == null ? Enumerable.Empty<RbFarmValue>()
                : farm!.SoftwareVersions(target.Software, target.OS);
        }
    }

    /// <summary>The software, version and OS a command line is about: given, or those of environment -Name.</summary>
    internal sealed class RbSoftwareTarget
    {
        private RbSoftwareTarget(string software, string? version, RbOperatingSystem os)
        {
            Software = software;
            Version = version;
            OS = os;
        }

        public string Software { get; }
        public string? Version { get; }
        public RbOperatingSystem OS { get; }

        public static RbSoftwareTarget? Of(RbFarmValues? farm, RbCommandLine line)
        {
            if (farm == null) return null;
            var os = line.Convert<RbOperatingSystem>("OS");
            var software = line.Text("Software");
            if (software != null)
                return new RbSoftwareTarget(software, line.Text("Version"), os ?? RbOperatingSystem.Windows);
            var name = line.Text("Name") ?? line.Get<RbRenderEnv>("InputObject")?.Name;
            var env = name == null ? null : farm.RenderEnvs()?.FirstOrDefault(e =>
                string.Equals(e.Name, name, System.StringComparison.OrdinalIgnoreCase));
            return env == null ? null : new RbSoftwareTarget(env.SoftwareId.ToString(CultureInfo.InvariantCulture),
                line.Text("Version") ?? env.Version, os ?? env.OS);
        }
    }
}
