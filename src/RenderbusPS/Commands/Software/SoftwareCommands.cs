using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Software
{
    /// <summary>Lists the software the farm supports, or with -ListVersion the versions and plugins of each.</summary>
    [Cmdlet(VerbsCommon.Get, "RbSoftware", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(RbSoftware), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(RbSoftwareVersion), ParameterSetName = new[] { VersionSet })]
    public sealed class GetRbSoftwareCommand : RbSessionCmdlet
    {
        private const string ListSet = "List";
        private const string VersionSet = "Version";
        private IReadOnlyList<RbSoftware>? catalog;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
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
            var client = Client;
            Guarded(null, () =>
            {
                catalog ??= Run(ct => client.Software.GetSoftwareAsync(ct));
                foreach (var software in NameFilter.Select(this, catalog, Name, s => s.Name, s => s.Id.ToString(), "Rb.UnknownSoftware", "software"))
                {
                    if (!ListVersion) { WriteObject(software); continue; }
                    WriteObject(Run(ct => client.Software.GetVersionsAsync(software.Id, OS, ct)), true);
                }
            });
        }
    }

    /// <summary>Filters by names with wildcards; a plain name that matches nothing is an error, a wildcard that matches nothing is not.</summary>
    internal static class NameFilter
    {
        public static IEnumerable<T> Select<T>(RbCmdlet cmdlet, IEnumerable<T> items, string[]? names, Func<T, string?> nameOf, Func<T, string?> idOf, string errorId, string what)
        {
            var list = items.ToList();
            if (names == null || names.Length == 0) return list;
            var chosen = new List<T>();
            foreach (var name in names)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var hits = list.Where(i => pattern.IsMatch(nameOf(i) ?? "") || string.Equals(idOf(i), name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    cmdlet.WriteError(RbErrors.ToRecord(new RbValidationException(errorId, $"There is no {what} named '{name}'.", "Name",
                        $"Use one of: {string.Join(", ", list.Select(nameOf))}."), name));
                }
                chosen.AddRange(hits.Where(h => !chosen.Contains(h)));
            }
            return chosen;
        }
    }
}
