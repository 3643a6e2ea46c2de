using System;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// Lists the account's output storage: one folder, or with -Recurse everything below it (one request per folder, up
    /// to the throttle limit at once, written in the order of a one-folder-at-a-time walk).
    /// A piped task lists its own output. Files carry Size in bytes, so Measure-Object -Sum Size totals them.
    /// </summary>
    [RbSends(nameof(RbCatalog.GetOutputUserDirFile))]
    [Cmdlet(VerbsCommon.Get, "RbOutputFile")]
    [OutputType(typeof(RbOutputFile))]
    public sealed class GetRbOutputFileCommand : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        /// <summary>Tasks whose output to list (for a task with layers, the layer sub-tasks).</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [RbKey(RbKind.Task)]
        public long[]? TaskId { get; set; }

        /// <summary>The folder to list, from the storage root.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "/";

        /// <summary>List every folder below too.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (TaskId == null || TaskId.Length == 0)
            {
                List(session, null);
                return;
            }
            foreach (var id in TaskId) List(session, id);
        }

        private void List(RbSession session, long? id)
        {
            Guarded(id ?? (object)Path, () =>
            {
                using var walk = session.Output.Walk(Path, id, Recurse);
                while (!walk.IsDone)
                {
                    foreach (var file in Run(walk.NextAsync)) WriteObject(file);
                }
            });
        }
    }
}
