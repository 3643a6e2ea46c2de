using RenderbusPS.Core.Catalog;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Lists the software the farm supports, or with -ListVersion the versions and plugins of each (on API
    /// 2.0 by name only: query_plugin has no ids).</summary>
    [RbSends(nameof(RbCatalog.QuerySoftwareList), nameof(RbCatalog.QuerySoftwareDetail))]
    [RbSendsApi2("query_plugin")]
    [Cmdlet(VerbsCommon.Get, "RbSoftware", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(RbSoftware), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(RbSoftwareVersion), ParameterSetName = new[] { VersionSet })]
    public sealed class GetRbSoftwareCommand : RbSessionCmdlet
    {
        private const string ListSet = "List";
        private const string VersionSet = "Version";
        private IReadOnlyList<RbSoftware>? catalog;

        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(SoftwareNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = VersionSet)]
        public SwitchParameter ListVersion { get; set; }

        [Parameter(ParameterSetName = VersionSet)]
        public RbOperatingSystem OS { get; set; } = RbOperatingSystem.Windows;

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(null, () =>
            {
                catalog ??= Run(ct => session.SoftwareReader.GetSoftwareAsync(ct));
                foreach (
                    var software in RbNameFilter.Select(
                    this, catalog, Name, s => s.Name, s => s.SoftwareId.ToString(CultureInfo.InvariantCulture),
                    "Rb.UnknownSoftware", "software"))
                {
                    if (!ListVersion) { WriteObject(software); continue; }
                    WriteObject(Run(ct => session.SoftwareReader.GetVersionsAsync(software, OS, ct)), true);
                }
            });
        }
    }
}
