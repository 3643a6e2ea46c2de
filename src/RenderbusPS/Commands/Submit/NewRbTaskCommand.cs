using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Submit
{
    /// <summary>
    /// Creates empty tasks (task ids to upload files to and submit). Writes each new task as read back from the
    /// service, so it pipes straight into Send-RbTaskFile and Submit-RbTask. Creating costs nothing until a task is
    /// submitted.
    /// </summary>
    [RbSends(nameof(RbCatalog.CreateTask), nameof(RbCatalog.QueryTaskInfo))]
    [Cmdlet(VerbsCommon.New, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RbTask))]
    public sealed class NewRbTaskCommand : RbSessionCmdlet
    {
        /// <summary>How many tasks to create (1..100).</summary>
        [Parameter]
        public int Count { get; set; } = 1;

        /// <summary>User-side priority level: 50 (normal) or 60 (high).</summary>
        [Parameter]
        public int Priority { get; set; } = 50;

        [Parameter]
        [ArgumentCompleter(typeof(LabelNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>Id of a task the new one is a clone of (its files come along).</summary>
        [Parameter]
        public long? CloneFrom { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Artist { get; set; }

        [Parameter]
        public long? OutUserId { get; set; }

        protected override void ProcessRecord()
        {
            var spec = new RbNewTaskSpec { Count = Count, Priority = Priority, Labels = Label, CloneFrom = CloneFrom,
                Artist = Artist, OutUserId = OutUserId };
            if (!Guarded(null, () => SubmitApi.Check(spec))) return;
            var what = Count == 1 ? "1 empty task" : $"{Count} empty tasks";
            var clone = CloneFrom.HasValue ? $" cloned from task {CloneFrom}" : "";
            if (!ShouldProcess(
                what + clone, "Create (nothing renders and nothing is charged until Submit-RbTask)")) return;
            var session = ActiveSession;
            Guarded(null, () =>
            {
                foreach (var task in Run(ct => session.Submit.CreateAsync(spec, ct))) WriteObject(task);
            });
        }
    }
}
