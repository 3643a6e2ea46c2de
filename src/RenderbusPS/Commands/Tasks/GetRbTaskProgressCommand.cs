using System;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>
    /// The progress grid of tasks: one row per frame, one block per tile of it, as typed blocks, or with -Grid as one
    /// grid object per task, shown as lines of symbols (■ finished, ▒ rendering, □ waiting, X failed, - stopped) with a
    /// legend.
    /// </summary>
    [RbSends(nameof(RbCatalog.LoadTaskProcessImg))]
    [Cmdlet(VerbsCommon.Get, "RbTaskProgress")]
    [OutputType(typeof(RbProgressBlock), typeof(RbTaskProgress))]
    public sealed class GetRbTaskProgressCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>Photon or Main pass; by default the pass the task renders now.</summary>
        [Parameter]
        public RbProgressPass FrameType { get; set; } = RbProgressPass.Current;

        /// <summary>Write one grid per task (shown as text; its Blocks and ToText() are there for scripts) instead of
        /// the blocks.</summary>
        [Parameter]
        public SwitchParameter Grid { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            foreach (var id in Id)
            {
                Guarded(id, () =>
                {
                    var progress = Run(ct => session.Output.GetProgressAsync(id, FrameType, ct));
                    if (Grid)
                    {
                        WriteObject(progress);
                        return;
                    }
                    foreach (var block in progress.Blocks) WriteObject(block);
                });
            }
        }
    }
}
