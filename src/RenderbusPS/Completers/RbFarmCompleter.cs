using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Completers
{
    /// <summary>
    /// Base of the completers whose values live on the farm. It takes the session (-Session on the command line, else
    /// the runspace's default), asks Core's <see cref="RbFarmValues"/> (cached per session, reads only, never more than
    /// about a second), and offers the values that start with what was typed. With no session, a slow or broken
    /// service, or anything else amiss it offers nothing: an empty list, so PowerShell does not offer file names.
    /// </summary>
    public abstract class RbFarmCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName,
            string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var results = new List<CompletionResult>();
            try
            {
                var line = new RbCommandLine(commandName, parameterName, fakeBoundParameters);
                var session = line.Get<RbSession>("Session") ?? RbSessionStore.Default;
                var farm = session != null && session.IsConnected ? RbFarmValues.For(session.Client) : null;
                var word = (wordToComplete ?? "").Trim('\'', '"');
                var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(word) ? word + "*"
                    : WildcardPattern.Escape(word) + "*", WildcardOptions.IgnoreCase);
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var value in Values(farm, line))
                {
                    if (!pattern.IsMatch(value.Value) || !seen.Add(value.Value)) continue;
                    results.Add(new CompletionResult(Quote(value.Value), value.Value,
                        CompletionResultType.ParameterValue, value.Description));
                }
            }
            catch (Exception)
            {
                // completion never fails the prompt: whatever went wrong, it offers nothing
                results.Clear();
            }
            return results;
        }

        /// <summary>The values the parameter can take; <paramref name="farm"/> is null without a session.</summary>
        private protected abstract IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line);

        /// <summary>The text to insert: quoted when PowerShell would read it otherwise.</summary>
        internal static string Quote(string value)
            => value.Length > 0 && value[0] != '-'
               && value.All(c => char.IsLetterOrDigit(c) || "_-.:/+".IndexOf(c) >= 0)
                ? value : "'" + value.Replace("'", "''") + "'";
    }

    /// <summary>The command line being completed: the command, the parameter, and the parameters given.</summary>
    internal sealed class RbCommandLine
    {
        private readonly IDictionary bound;

        public RbCommandLine(string? commandName, string? parameterName, IDictionary? bound)
        {
            // a module-qualified name (RenderbusPS\Remove-RbProject) names the same command
            CommandName = (commandName ?? "").Substring((commandName ?? "").LastIndexOf('\\') + 1);
            ParameterName = parameterName ?? "";
            this.bound = bound ?? new Hashtable();
        }

        public string CommandName { get; }
        public string ParameterName { get; }
        /// <summary>The command's verb (Remove for Remove-RbTaskLabel).</summary>
        public string Verb => CommandName.Split('-')[0];

        /// <summary>A parameter's value as a <typeparamref name="T"/>, or null when it is missing or not one.</summary>
        public T? Get<T>(string name) where T : class
        {
            if (!bound.Contains(name)) return null;
            var value = bound[name];
            return (value is PSObject wrapped ? wrapped.BaseObject : value) as T;
        }

        /// <summary>A parameter's value converted as PowerShell would; null when missing or not convertible.</summary>
        public T? Convert<T>(string name) where T : struct
        {
            if (!bound.Contains(name) || bound[name] == null) return null;
            return LanguagePrimitives.TryConvertTo<T>(bound[name], out var value) ? value : (T?)null;
        }

        /// <summary>A parameter's value as text (the first, for a list), or null.</summary>
        public string? Text(string name)
        {
            if (!bound.Contains(name) || bound[name] == null) return null;
            var value = bound[name] is PSObject wrapped ? wrapped.BaseObject : bound[name];
            if (value is IEnumerable list && !(value is string)) value = list.Cast<object?>().FirstOrDefault();
            return LanguagePrimitives.TryConvertTo<string>(value, out var text) && !string.IsNullOrWhiteSpace(text)
                ? text : null;
        }

        /// <summary>A parameter's value as ids, or none.</summary>
        public IReadOnlyList<long> Ids(string name)
            => bound.Contains(name) && LanguagePrimitives.TryConvertTo<long[]>(bound[name], out var ids) && ids != null
                ? ids : Array.Empty<long>();
    }
}
