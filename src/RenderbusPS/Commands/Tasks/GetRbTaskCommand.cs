using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Lists tasks page by page (each page is written as it arrives), or looks tasks up by id.</summary>
    [Cmdlet(VerbsCommon.Get, "RbTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(RbTask))]
    public sealed class GetRbTaskCommand : RbSessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private RbIdBatch? batch;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("TaskId")]
        public long[] Id { get; set; } = Array.Empty<long>();

        [Parameter(ParameterSetName = ListSet)]
        public RbTaskStatus[]? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Keyword { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? SubmittedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime? SubmittedBefore { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Deleted { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, RbCatalog.PageLimit)]
        public int PageSize { get; set; } = RbCatalog.PageLimit;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                batch ??= new RbIdBatch(RbCatalog.QueryTaskInfo.MaxIds);
                foreach (var id in Id)
                {
                    batch.Add(id);
                    if (batch.IsFull) Lookup();
                }
                return;
            }

            var client = Client;
            var pager = client.Tasks.List(new RbTaskQuery
            {
                Status = Status,
                Keyword = Keyword,
                SubmittedAfter = ToOffset(SubmittedAfter),
                SubmittedBefore = ToOffset(SubmittedBefore),
                Deleted = Deleted,
                PageSize = PageSize,
                Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                First = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)PagingParameters.First,
            });
            Guarded(null, () => WritePages(pager));
        }

        protected override void EndProcessing()
        {
            while (batch != null && batch.Count > 0) Lookup();
        }

        private void Lookup()
        {
            var ids = batch!.Take();
            var client = Client;
            System.Collections.Generic.IReadOnlyList<RbTask>? tasks = null;
            Guarded(ids, () => tasks = Run(ct => client.Tasks.GetAsync(ids, ct)));
            if (tasks == null) return;
            foreach (var id in ids)
            {
                var task = tasks.FirstOrDefault(t => t.Id == id);
                if (task != null) WriteObject(task);
                else WriteError(RbErrors.ToRecord(new RbValidationException("Rb.TaskNotFound", $"Task {id} does not exist in this account.", "Id",
                    "Check the id; list tasks with Get-RbTask."), id));
            }
        }

        internal static DateTimeOffset? ToOffset(DateTime? time)
            => time.HasValue ? new DateTimeOffset(time.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time.Value, DateTimeKind.Local) : time.Value) : (DateTimeOffset?)null;
    }
}
