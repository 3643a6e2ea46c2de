using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Completers
{
    /// <summary>Completes the software names the farm knows (<see cref="RbSoftwareIds"/>), without a network
    /// call.</summary>
    public sealed class SoftwareNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return RbSoftwareIds.Names
                .Where(n => n.StartsWith(word, System.StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(
                    n.Contains(" ") ? "'" + n + "'" : n, n, CompletionResultType.ParameterValue, n));
        }
    }
}
