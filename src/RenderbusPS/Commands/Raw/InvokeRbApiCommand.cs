using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Commands.Raw
{
    /// <summary>
    /// Signs and posts any API path with the session and writes the answer's <c>data</c>: the escape hatch for what no
    /// cmdlet wraps yet. It names no operation of its own ([RbSends] would claim every one), so the coverage walk
    /// leaves it out.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "RbApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeRbApiCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter(Position = 1)]
        public IDictionary? Body { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            RbRawRequest? request = null;
            if (!Guarded(
                Path, () => request = session.Raw.Prepare(
                Path!, Body, o => o is PSObject p ? p.BaseObject : o))) return;
            // reads change nothing and never ask; a write, or a path the catalog does not know, goes through
            // ShouldProcess
            if (request!.IsWrite && !ShouldProcess($"{session.Domain}{request.Path}",
                request.IsListed ? $"Send {request.Operation.Name}, which changes state on the account"
                    : "Send this path, which the catalog does not know (treated as a change)"))
                return;
            Guarded(request.Path, () =>
            {
                var data = Run(ct => session.Raw.InvokeAsync(request, ct));
                if (data is object[] items) foreach (var item in items) WriteObject(ToPowerShell(item));
                else if (data != null) WriteObject(ToPowerShell(data));
            });
        }

        /// <summary>Objects become PSCustomObjects (member order kept), arrays stay arrays; scalars and SecureStrings
        /// pass as they are.</summary>
        private static object? ToPowerShell(object? value)
        {
            switch (value)
            {
                case IDictionary<string, object?> map:
                    var o = new PSObject();
                    foreach (var kv in map) o.Properties.Add(new PSNoteProperty(kv.Key, ToPowerShell(kv.Value)));
                    return o;
                case object[] list:
                    var copy = new object?[list.Length];
                    for (var i = 0; i < list.Length; i++) copy[i] = ToPowerShell(list[i]);
                    return copy;
                default:
                    return value;
            }
        }
    }
}
