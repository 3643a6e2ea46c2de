using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// A bulk task action: ShouldProcess per task in ProcessRecord, approved ids sent in chunks of the catalog's
    /// limit as the pipeline fills and at the end, one error per task that failed.
    /// </summary>
    public abstract class RbTaskActionCmdlet : RbSessionCmdlet
    {
        private RbIdBatch? batch;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>Write the tasks as they are after the action.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal abstract RbOperation Operation { get; }
        internal abstract string Action { get; }
        internal abstract Task<IReadOnlyList<RbItemResult>> SendAsync(TasksApi api, long[] ids, CancellationToken ct);

        protected override void ProcessRecord()
        {
            batch ??= new RbIdBatch(Operation.MaxIds);
            foreach (var id in Id)
            {
                if (!ShouldProcess($"task {id}", Action)) continue;
                if (!batch.Add(id)) continue;
                if (batch.IsFull) Flush();
            }
        }

        protected override void EndProcessing()
        {
            while (batch != null && batch.Count > 0) Flush();
        }

        private void Flush()
        {
            var ids = batch!.Take();
            var client = Client;
            var results = Run(ct => SendAsync(client.Tasks, ids, ct));
            foreach (var failed in results.Where(r => !r.Succeeded)) WriteRbError(failed.Error!, failed.Id);
            var done = results.Where(r => r.Succeeded).Select(r => r.Id).ToArray();
            WriteVerbose($"{Operation.Name}: {done.Length} of {ids.Length} tasks done.");
            if (!PassThru || done.Length == 0) return;
            Guarded(done, () =>
            {
                var tasks = Run(ct => client.Tasks.GetAsync(done, ct));
                foreach (var id in done)
                {
                    var task = tasks.FirstOrDefault(t => t.Id == id);
                    if (task != null) WriteObject(task);
                }
            });
        }
    }

    /// <summary>Stops waiting and rendering tasks.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class StopRbTaskCommand : RbTaskActionCmdlet
    {
        internal override RbOperation Operation => RbCatalog.StopTask;
        internal override string Action => "Stop rendering (running frames stop; Start-RbTask resumes the task)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(TasksApi api, long[] ids, CancellationToken ct) => api.StopAsync(ids, ct);
    }

    /// <summary>Starts (resumes) stopped tasks.</summary>
    [Cmdlet(VerbsLifecycle.Start, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class StartRbTaskCommand : RbTaskActionCmdlet
    {
        internal override RbOperation Operation => RbCatalog.StartTask;
        internal override string Action => "Start rendering again (stopped frames are queued and billed as they render)";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(TasksApi api, long[] ids, CancellationToken ct) => api.StartAsync(ids, ct);
    }
}
