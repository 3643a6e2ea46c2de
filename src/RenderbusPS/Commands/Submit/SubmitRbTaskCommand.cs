using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Submit
{
    /// <summary>
    /// Submits created tasks whose task.json was uploaded: the farm analyses them, then renders their frames, and
    /// render fees are charged as frames finish. One call per task; one result or error per task.
    /// </summary>
    [RbSends(nameof(RbCatalog.SubmitTask), nameof(RbCatalog.QueryTaskInfo))]
    [Cmdlet(VerbsLifecycle.Submit, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class SubmitRbTaskCommand : RbSessionCmdlet
    {
        private RbIdBatch? seen;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>Producer shown on the task.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Producer { get; set; }

        /// <summary>Write the tasks after submitting.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            seen ??= new RbIdBatch(RbCatalog.TaskIdLimit);
            foreach (var id in Id)
            {
                if (!seen.IsNew(id)) continue;
                if (!Guarded(id, () => RbInputRules.CheckIds(new[] { id }))) continue;
                if (!ShouldProcess(
                    $"task {id}",
                    "Submit for analysis and rendering (render fees are charged as its frames finish)")) continue;
                var session = ActiveSession;
                var result = Run(ct => session.Submit.SubmitAsync(new[] { id }, Producer, ct)).Single();
                if (!result.Succeeded)
                {
                    WriteRbError(result.Error!, id);
                    continue;
                }
                WriteVerbose($"Submitted task {id}.");
                if (PassThru) Guarded(
                    id, () => WriteObject(Run(ct => session.Tasks.GetEachAsync(new[] { id }, ct)).Single().Item));
            }
        }
    }
}
