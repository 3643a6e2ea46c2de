using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RenderbusPS.Core.Catalog;

namespace RenderbusPS.Completers
{
    /// <summary>Completes API 2.0's 14 action names (Invoke-RbApi -Action) from the catalog; no call is made.</summary>
    public sealed class Api2ActionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
            string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            return RbApi2Catalog.All
                .Where(a => a.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(a => new CompletionResult(a.Name, a.Name, CompletionResultType.ParameterValue,
                    $"{a.Name} ({a.Area}, {(a.Repeat == RbRepeat.Read ? "read" : "change")})"));
        }
    }
}
