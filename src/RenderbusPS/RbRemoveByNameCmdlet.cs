using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Http;

namespace RenderbusPS
{
    /// <summary>
    /// Deletes things the service names (projects, render environments): by -Name, or whole objects piped in as
    /// -InputObject and deleted by their name, so that no other object's Name can reach the command through the
    /// pipeline. Each name once (ignoring case), each through ShouldProcess (ConfirmImpact High on the command), a bad
    /// name or a refused call one error for that name.
    /// </summary>
    public abstract class RbRemoveByNameCmdlet<T> : RbSessionCmdlet where T : class
    {
        protected const string ByName = "ByName";
        protected const string ByObject = "ByObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(RbRemoveNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = Array.Empty<string>();

        /// <summary>Objects as the matching Get- command writes them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ByObject)]
        [ValidateNotNull]
        public T[] InputObject { get; set; } = Array.Empty<T>();

        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The name the service knows the object by.</summary>
        protected abstract string? NameOf(T item);

        /// <summary>More about a piped object for the ShouldProcess message, or null.</summary>
        protected virtual string? Describe(T item) => null;

        /// <summary>The name as it is sent; throws <see cref="RbValidationException"/> for a name the service would
        /// refuse.</summary>
        protected abstract string CheckName(string name);

        /// <summary>What ShouldProcess names: "project 'x'".</summary>
        protected abstract string Target(string name);

        /// <summary>What ShouldProcess says will be done.</summary>
        protected abstract string Action { get; }

        protected abstract Task RemoveAsync(RbSession session, string name, CancellationToken cancellationToken);

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            var targets = ParameterSetName == ByObject
                ? InputObject.Select(x => (Name: NameOf(x) ?? "", What: Describe(x)))
                : Name.Select(n => (Name: n, What: (string?)null));
            foreach (var (name, what) in targets)
            {
                string n;
                try { n = CheckName(name); }
                catch (RbValidationException ex) { WriteRbError(ex, name); continue; }
                if (!seen.Add(n)) continue;
                if (!ShouldProcess(Target(n) + (what == null ? "" : $" ({what})"), Action)) continue;
                Guarded(n, () => Run(
                    async ct => { await RemoveAsync(session, n, ct).ConfigureAwait(false); return true; }));
            }
        }
    }
}
