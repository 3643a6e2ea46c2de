using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;

namespace RenderbusPS
{
    /// <summary>Filters by names with wildcards; a plain name that matches nothing is an error, a wildcard that matches
    /// nothing is not.</summary>
    internal static class RbNameFilter
    {
        public static IEnumerable<T> Select<T>(
            RbCmdlet cmdlet, IEnumerable<T> items, string[]? names, Func<T, string?> nameOf, Func<T, string?> idOf,
            string errorId, string what)
        {
            var list = items.ToList();
            if (names == null || names.Length == 0) return list;
            var chosen = new List<T>();
            foreach (var name in names)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var hits = list.Where(
                    i => pattern.IsMatch(nameOf(i) ?? "") || string.Equals(
                    idOf(i), name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (hits.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    cmdlet.WriteError(
                        RbErrorRecords.ToRecord(
                        new RbValidationException(errorId, $"There is no {what} named '{name}'.", "Name",
                        $"Use one of: {string.Join(", ", list.Select(nameOf))}."), name));
                }
                chosen.AddRange(hits.Where(h => !chosen.Contains(h)));
            }
            return chosen;
        }
    }
}
