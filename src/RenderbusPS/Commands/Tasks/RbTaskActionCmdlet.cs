using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// A bulk task action: ShouldProcess once per distinct task in ProcessRecord, approved ids sent in chunks of the
    /// catalog's limit as the pipeline fills and at the end, one non-terminating error per task that failed. A piped
    /// frame acts on its task; a piped sub-task on itself.
    /// </summary>
    public abstract class RbTaskActionCmdlet : RbSessionCmdlet
    {
        private RbIdBatch? batch;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
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
                if (!batch.IsNew(id)) continue;
                if (!Guarded(id, () => RbInputRules.CheckIds(new[] { id })) || !ShouldProcess($"task {id}", Action)) continue;
                batch.Add(id);
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
            var results = Run(ct => SendAsync(client.Tasks(), ids, ct));
            foreach (var failed in results.Where(r => !r.Succeeded)) WriteRbError(failed.Error!, failed.Id);
            var done = results.Where(r => r.Succeeded).Select(r => r.Id).ToArray();
            WriteVerbose($"{Operation.Name}: {done.Length} of {ids.Length} tasks done.");
            if (!PassThru || done.Length == 0) return;
            foreach (var result in Run(ct => client.Tasks().GetEachAsync(done, ct)))
            {
                if (result.Item != null) WriteObject(result.Item);
                else WriteRbError(result.Error!, result.Id);
            }
        }
    }
}
