using System.Linq;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Lists the plugin versions the farm offers for a software on one OS, each with the software version it
    /// belongs to.</summary>
    [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail))]
    [RbSendsApi2("query_plugin")]
    [Cmdlet(VerbsCommon.Get, "RbPlugin")]
    [OutputType(typeof(RbPlugin))]
    public sealed class GetRbPluginCommand : RbSessionCmdlet
    {
        /// <summary>Software by name or id; a piped software, environment or task brings its own.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SoftwareNameCompleter))]
        [Alias("SoftwareName")]
        [ValidateNotNullOrEmpty]
        [RbKey(RbKind.Software)]
        public string Software { get; set; } = "";

        [Parameter]
        public RbOperatingSystem OS { get; set; } = RbOperatingSystem.Windows;

        /// <summary>Only plugins of these names (wildcards), e.g. mtoa, redshift.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(PluginCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Only plugins for these software versions (wildcards), e.g. 2022.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SoftwareVersionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Version { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(Software, () =>
            {
                var plugins = Run(ct => session.SoftwareReader.GetPluginsAsync(Software, OS, ct));
                WriteObject(
                    plugins.Where(p => Matches(Name, p.PluginName) && Matches(Version, p.SoftwareVersion)), true);
            });
        }

        private static bool Matches(string[]? patterns, string? value)
            => patterns == null || patterns.Any(
                x => new WildcardPattern(x, WildcardOptions.IgnoreCase).IsMatch(value ?? ""));
    }
}
