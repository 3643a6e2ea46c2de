using System.Management.Automation;

namespace RenderbusPS.Module.Tests.Fixture
{
    public sealed class Thing
    {
        public long Id { get; set; }
    }

    /// <summary>Changes state but lacks SupportsShouldProcess and OutputType.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "Broken")]
    public sealed class StopBrokenCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public long[] Id { get; set; } = new long[0];
    }

    /// <summary>Declares its output, but its Id does not bind by property name.</summary>
    [Cmdlet(VerbsCommon.Get, "Broken")]
    [OutputType(typeof(Thing))]
    public sealed class GetBrokenCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public long[] Id { get; set; } = new long[0];
    }

    /// <summary>An unapproved verb.</summary>
    [Cmdlet("Grab", "Thing", SupportsShouldProcess = true)]
    [OutputType(typeof(Thing))]
    public sealed class GrabThingCommand : PSCmdlet
    {
    }
}
