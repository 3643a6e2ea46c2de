using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>Frame counts of the whole account by status: waiting, rendering, done, failed, stopped.</summary>
    [RbSends(nameof(RbCatalog.QueryAllFrameStats))]
    [Cmdlet(VerbsCommon.Get, "RbFrameSummary")]
    [OutputType(typeof(RbFrameSummary))]
    public sealed class GetRbFrameSummaryCommand : RbSessionCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            Guarded(null, () => WriteObject(Run(ct => session.Frames.GetSummaryAsync(ct))));
        }
    }
}
