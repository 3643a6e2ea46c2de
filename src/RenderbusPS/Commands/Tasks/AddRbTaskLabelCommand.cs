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
    /// <summary>Adds a label to tasks.</summary>
    [RbSends(nameof(RbCatalog.AddTaskLabel), nameof(RbCatalog.QueryTaskInfo))]
    [Cmdlet(VerbsCommon.Add, "RbTaskLabel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RbTask))]
    public sealed class AddRbTaskLabelCommand : RbTaskActionCmdlet
    {
        /// <summary>The label to add.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(LabelNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        protected override void BeginProcessing()
        {
            // refuse a blank label before anything is asked or sent
            try { Core.RbInputRules.CheckLabelName(Name); }
            catch (Core.RbValidationException ex) { ThrowRbError(ex, Name); }
        }

        internal override RbOperation Operation => RbCatalog.AddTaskLabel;
        internal override string Action => $"Add the label '{Name}'";
        internal override Task<IReadOnlyList<RbItemResult>> SendAsync(
            RbSession session, long[] ids, CancellationToken ct) => session.Tasks.AddLabelAsync(ids, Name, ct);
    }
}
