using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// Lists tasks page by page (each page is written as it arrives), or looks tasks up by id (a piped frame looks up
    /// its task). -First/-Skip apply to both.
    /// </summary>
    [RbSends(nameof(RbCatalog.GetTaskList), nameof(RbCatalog.QueryTaskInfo))]
    [RbSendsApi2("query_task")]
    [Cmdlet(VerbsCommon.Get, "RbTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(RbTask))]
    public sealed class GetRbTaskCommand : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        private const string ListSet = "List";
        private const string IdSet = "Id";
        private RbTaskLookup? lookup;

        [Parameter(
            Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true,
            ParameterSetName = IdSet)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
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

        /// <summary>Also write each task's layer, photon and main sub-tasks, after their parent.</summary>
        [Parameter]
        public SwitchParameter IncludeLayers { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, RbCatalog.PageLimit)]
        public int PageSize { get; set; } = RbCatalog.PageLimit;

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (ParameterSetName == IdSet)
            {
                lookup ??= new RbTaskLookup(session.TaskReader, PagingSkip, PagingFirst);
                foreach (var id in Id)
                {
                    Guarded(id, () =>
                    {
                        if (lookup.Offer(id)) Lookup();
                    });
                }
                return;
            }

            var query = new RbTaskQuery
            {
                Status = Status,
                Keyword = Keyword,
                SubmittedAfter = ToOffset(SubmittedAfter),
                SubmittedBefore = ToOffset(SubmittedBefore),
                Deleted = Deleted,
                PageSize = PageSize,
                Skip = PagingSkip,
                First = PagingFirst,
            };
            Guarded(null, () => WritePages(session.TaskLister.List(query), IncludeLayers ? Expand : null));
        }

        protected override void EndProcessing()
        {
            if (lookup?.HasPending == true) Lookup();
        }

        private void Lookup()
        {
            foreach (var result in Run(lookup!.SendAsync))
            {
                if (result.Item == null) WriteRbError(result.Error!, result.Id);
                else if (IncludeLayers) foreach (var task in Expand(result.Item)) WriteObject(task);
                else WriteObject(result.Item);
            }
        }

        /// <summary>A task, then each of its sub-tasks (ParentId names the parent), depth first.</summary>
        private static System.Collections.Generic.IEnumerable<object> Expand(RbTask task) => task.SelfAndSubTasks();
    }
}
