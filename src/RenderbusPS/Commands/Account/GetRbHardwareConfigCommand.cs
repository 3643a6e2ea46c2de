using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Lists the platform's hardware configurations; with a task, marks the one it renders on as
    /// Current.</summary>
    [RbSends(nameof(RbCatalog.HardwareConfigList))]
    [Cmdlet(VerbsCommon.Get, "RbHardwareConfig")]
    [OutputType(typeof(RbHardwareConfig))]
    public sealed class GetRbHardwareConfigCommand : RbSessionCmdlet
    {
        /// <summary>Tasks whose current configuration is marked (one list per task).</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[]? Id { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (Id == null || Id.Length == 0)
            {
                Guarded(session.AccessId, () => WriteObject(
                    Run(ct => session.Tasks.GetHardwareConfigsAsync(null, ct)), true));
                return;
            }
            foreach (var id in Id)
                Guarded(id, () => WriteObject(Run(ct => session.Tasks.GetHardwareConfigsAsync(id, ct)), true));
        }
    }
}
