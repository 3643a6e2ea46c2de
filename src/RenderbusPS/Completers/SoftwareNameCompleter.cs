using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace RenderbusPS.Completers
{
    /// <summary>Completes the software names the farm knows, without a network call.</summary>
    public sealed class SoftwareNameCompleter : IArgumentCompleter
    {
        internal static readonly string[] Names = { "Maya", "3ds Max", "Houdini", "Cinema 4D", "Blender", "V-Ray Standalone", "Clarisse", "Nuke", "Katana" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return Names
                .Where(n => n.StartsWith(word, System.StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n.Contains(" ") ? "'" + n + "'" : n, n, CompletionResultType.ParameterValue, n));
        }
    }
}
