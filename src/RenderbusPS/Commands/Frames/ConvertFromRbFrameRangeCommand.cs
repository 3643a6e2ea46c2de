using System;
using System.Management.Automation;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>Expands Renderbus frame ranges such as 1,20-30[2],494 into frame numbers. Needs no session.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "RbFrameRange")]
    [OutputType(typeof(int))]
    public sealed class ConvertFromRbFrameRangeCommand : RbCmdlet
    {
        /// <summary>The ranges; a bad one is reported (Rb.InvalidFrameRange) with the part that is wrong, and the
        /// others still expand.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public RbFrameRange[] FrameRange { get; set; } = Array.Empty<RbFrameRange>();

        protected override void ProcessRecord()
        {
            foreach (var range in FrameRange)
            {
                Guarded(range.Text, () =>
                {
                    foreach (var frame in range.Check().Frames()) WriteObject(frame);
                });
            }
        }
    }
}
