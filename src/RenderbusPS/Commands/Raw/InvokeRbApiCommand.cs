using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;

namespace RenderbusPS.Commands.Raw
{
    /// <summary>
    /// Signs and posts any API path with the session and writes the answer's <c>data</c> (on API 2.0: posts any action
    /// and writes the answer's <c>body</c>): the escape hatch for what no cmdlet wraps yet. It names no operation of
    /// its own ([RbSends] would claim every one), so the coverage walk leaves it out.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "RbApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = "Path")]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeRbApiCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>An API 2.0 action (query_task...), posted on an API 2.0 session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Action")]
        [ArgumentCompleter(typeof(Api2ActionCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Action { get; set; }

        [Parameter(Position = 1)]
        public IDictionary? Body { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            RbRawRequest? request = null;
            System.Func<object?, object?> unwrap = o => o is PSObject p ? p.BaseObject : o;
            var target = Path ?? Action;
            if (!Guarded(target, () => request = Action != null ? session.Raw.PrepareAction(Action, Body, unwrap)
                : session.Raw.Prepare(Path!, Body, unwrap))) return;
            // reads change nothing and never ask; a write, or a path the catalog does not know, goes through
            // ShouldProcess
            if (request!.IsWrite && !ShouldProcess($"{session.Domain}{request.Path}",
                request.IsListed ? $"Send {request.Operation.Name}, which changes state on the account"
                    : "Send this path, which the catalog does not know (treated as a change)"))
                return;
            Guarded(Action ?? request.Path, () =>
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
