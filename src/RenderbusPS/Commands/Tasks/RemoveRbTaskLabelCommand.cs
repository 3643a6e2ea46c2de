using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Removes labels from tasks, by name (looked up on each task) or by label id.</summary>
    [RbSends(nameof(RbCatalog.DeleteTaskLabel), nameof(RbCatalog.QueryTaskInfo))]
    [Cmdlet(VerbsCommon.Remove, "RbTaskLabel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
        DefaultParameterSetName = ByName)]
    [OutputType(typeof(RbTask))]
    public sealed class RemoveRbTaskLabelCommand : RbTaskActionCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ByLabelId";

        /// <summary>Names of the labels to remove.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByName)]
        [ArgumentCompleter(typeof(LabelNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>Ids of the labels to remove (RbTask.Labels shows them).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ById)]
        [ValidateNotNullOrEmpty]
        public long[] LabelId { get; set; } = System.Array.Empty<long>();

        protected override void BeginProcessing()
        {
            // refuse blank names and ids that cannot be labels before anything is asked or sent
            try
            {
                foreach (var name in Name) Core.RbInputRules.CheckLabelName(name);
                Core.RbInputRules.CheckIds(LabelId);
            }
            catch (Core.RbValidationException ex)
            {
                ThrowRbError(ex, ex.Target);
            }
        }

        internal override RbOperation Operation => RbCatalog.DeleteTaskLabel;
        internal override string Action => ParameterSetName == ById
            ? $"Remove the labels with id {string.Join(", ", LabelId)}"
            : $"Remove the labels '{string.Join("', '", Name)}'";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct) => ParameterSetName == ById ? session.Tasks.RemoveLabelsAsync(ids, null, LabelId, ct)
                : session.Tasks.RemoveLabelsAsync(ids, Name, null, ct);
    }
}
