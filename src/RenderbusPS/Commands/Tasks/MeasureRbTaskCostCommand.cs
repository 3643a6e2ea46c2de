using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// Adds up what tasks cost, by group: piped tasks, or the task list read page by page with the filters given. Tasks
    /// are counted as they arrive and only the groups are kept; the groups are written at the end, biggest cost first.
    /// </summary>
    [RbSends(nameof(RbCatalog.GetTaskList))]
    [Cmdlet(VerbsDiagnostic.Measure, "RbTaskCost", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(RbTaskCost))]
    public sealed class MeasureRbTaskCostCommand : RbSessionCmdlet
    {
        private const string ListSet = "List";
        private const string PipelineSet = "Pipeline";
        private RbCostRollup? rollup;

        /// <summary>Tasks as Get-RbTask writes them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        [ValidateNotNull]
        public RbTask[] InputObject { get; set; } = Array.Empty<RbTask>();

        [Parameter(Position = 0)]
        [ValidateSet(nameof(RbCostGroup.Project), nameof(RbCostGroup.Label), nameof(RbCostGroup.Software),
            nameof(RbCostGroup.Day), nameof(RbCostGroup.Status), nameof(RbCostGroup.Submitter))]
        public string[] By { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ListSet)]
        [Alias("Since")]
        public DateTime? SubmittedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Alias("Until")]
        public DateTime? SubmittedBefore { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public RbTaskStatus[]? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Keyword { get; set; }

        /// <summary>Only tasks of these projects (wildcards); the service cannot filter by project, so this
        /// does.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ProjectNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Project { get; set; }

        /// <summary>Requests in flight at once for the listing (1 = one page at a time); the session's when left
        /// out.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        protected override void BeginProcessing()
        {
            var projects = Project?.Select(p => new WildcardPattern(p.Trim(), WildcardOptions.IgnoreCase)).ToArray();
            rollup = new RbCostRollup(By.Select(b => (RbCostGroup)Enum.Parse(typeof(RbCostGroup), b, true)),
                TimeZoneInfo.Local, projects == null ? (Func<RbTask, bool>?)null
                    : t => projects.Any(p => p.IsMatch(t.ProjectName?.Trim() ?? "")));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PipelineSet)
            {
                foreach (var task in InputObject) rollup!.Add(task);
                return;
            }
            var query = new RbTaskQuery
            {
                Status = Status, Keyword = Keyword, SubmittedAfter = ToOffset(SubmittedAfter),
                SubmittedBefore = ToOffset(SubmittedBefore),
            };
            var progress = new ProgressRecord(1, "Adding up task costs", "Reading the task list");
            try
            {
                using var pager = ActiveSession.Tasks.List(query);
                while (!pager.IsDone)
                {
                    Run(ct => rollup!.AddPageAsync(pager, ct));
                    progress.StatusDescription = $"{rollup!.TaskCount:N0} tasks counted, {pager.Total:N0} listed";
                    var read = (long)pager.PagesFetched * pager.PageSize;
                    progress.PercentComplete = pager.Total > 0 ? (int)Math.Min(100, 100 * read / pager.Total.Value) : 0;
                    WriteProgress(progress);
                }
            }
            catch (Exception error) when (RbErrorKinds.IsCoreError(error))
            {
                // totals of part of the list would look like the whole: no output at all
                ThrowRbError(error, null);
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }

        protected override void EndProcessing() => WriteObject(rollup!.Results(), enumerateCollection: true);
    }
}
