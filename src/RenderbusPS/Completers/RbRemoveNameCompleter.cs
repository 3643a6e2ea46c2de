using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;

namespace RenderbusPS.Completers
{
    /// <summary>Names the completer of a -Name that the cmdlet's base class declares (RbRemoveByNameCmdlet).</summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class RbNameCompleterAttribute : Attribute
    {
        public RbNameCompleterAttribute(Type completer) => Completer = completer;

        public Type Completer { get; }
    }

    /// <summary>
    /// Completes the -Name that RbRemoveByNameCmdlet declares for all its cmdlets, with the completer each cmdlet names
    /// in its [RbNameCompleter]: render environments for Remove-RbRenderEnv, projects for Remove-RbProject.
    /// </summary>
    public sealed class RbRemoveNameCompleter : IArgumentCompleter
    {
        private static readonly ConcurrentDictionary<string, IArgumentCompleter?> byCommand =
            new ConcurrentDictionary<string, IArgumentCompleter?>(StringComparer.OrdinalIgnoreCase);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
            string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var completer = byCommand.GetOrAdd(new RbCommandLine(commandName, null, null).CommandName, Find);
            return completer?.CompleteArgument(commandName, parameterName, wordToComplete, commandAst,
                fakeBoundParameters) ?? new List<CompletionResult>();
        }

        private static IArgumentCompleter? Find(string command)
        {
            var type = typeof(RbRemoveNameCompleter).Assembly.GetTypes().FirstOrDefault(t =>
                t.GetCustomAttribute<CmdletAttribute>() is CmdletAttribute c
                && string.Equals(c.VerbName + "-" + c.NounName, command, StringComparison.OrdinalIgnoreCase));
            var completer = type?.GetCustomAttribute<RbNameCompleterAttribute>()?.Completer;
            return completer == null ? null : (IArgumentCompleter?)Activator.CreateInstance(completer);
        }
    }
}
