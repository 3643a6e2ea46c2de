using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Tasks
{
    /// <summary>Changes a task's priority, frame time-out, machine limit, full-speed rendering or hardware.</summary>
    [RbSends(
        nameof(RbCatalog.UpdateTaskUserLevel), nameof(RbCatalog.SetTaskOverTimeStop),
        nameof(RbCatalog.UpdateTaskLimit), nameof(RbCatalog.FullSpeedRendering),
        nameof(RbCatalog.EditTaskHardwareConfig), nameof(RbCatalog.HardwareConfigList),
        nameof(RbCatalog.QueryTaskInfo))]
    [RbSendsApi2("operate_task", "query_task")]
    [Cmdlet(VerbsCommon.Set, "RbTask", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbTask))]
    public sealed class SetRbTaskCommand : RbTaskActionCmdlet
    {
        /// <summary>Task user level: 50 (normal) or 60 (raised).</summary>
        [Parameter]
        public int? Priority { get; set; }

        /// <summary>A frame that renders longer than this stops the task.</summary>
        [Parameter]
        [RbSeconds]
        public TimeSpan? TimeoutStop { get; set; }

        /// <summary>Most render nodes the task uses at once.</summary>
        [Parameter]
        public int? MachineLimit { get; set; }

        /// <summary>Render on as many nodes as the farm gives.</summary>
        [Parameter]
        public SwitchParameter FullSpeed { get; set; }

        /// <summary>Id of the hardware configuration to render on.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(HardwareConfigCompleter))]
        public int? HardwareConfig { get; set; }

        private RbTaskSettings Settings => new RbTaskSettings
        {
            Priority = Priority, TimeoutStop = TimeoutStop, MachineLimit = MachineLimit, FullSpeed = FullSpeed,
                HardwareConfigId = HardwareConfig,
        };

        protected override void BeginProcessing()
        {
            // a wrong value stops the command before anything is asked or sent
            try { Settings.Check(); }
            catch (RbValidationException ex) { ThrowRbError(ex, ex.Target); }
        }

        internal override RbOperation Operation => RbCatalog.SetTaskOverTimeStop;

        internal override string Action
        {
            get
            {
                var parts = new List<string>();
                if (Priority.HasValue) parts.Add($"priority {Priority}");
                if (TimeoutStop.HasValue) parts.Add($"stop when a frame renders longer than {TimeoutStop}");
                if (MachineLimit.HasValue) parts.Add($"at most {MachineLimit} nodes");
                if (FullSpeed) parts.Add(
                    "render at full speed (on every node the farm gives: faster, and billed for all of them)");
                if (HardwareConfig.HasValue) parts.Add($"render on hardware configuration {HardwareConfig}");
                return "Set " + string.Join("; ", parts);
            }
        }

        internal override async Task<IReadOnlyList<RbItemResult>> SendAsync(RbSession session, long[] ids,
            CancellationToken ct)
            => (await session.TaskActions.SetAsync(ids, Settings, ct).ConfigureAwait(false)).ToList();
    }
}
