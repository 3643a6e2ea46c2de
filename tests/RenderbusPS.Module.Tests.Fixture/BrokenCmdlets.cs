using System;
using System.Management.Automation;

namespace RenderbusPS.Module.Tests.Fixture
{
    public enum RbKind { Task, Frame }

    /// <summary>Same name as the module's attribute: the checker reads attributes by name.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class RbKeyAttribute : Attribute
    {
        public RbKeyAttribute(RbKind kind) => Kind = kind;
        public RbKind Kind { get; }
    }

    /// <summary>A frame-like output whose id is called Id (the fault the pipeline rule forbids).</summary>
    public sealed class Thing
    {
        [RbKey(RbKind.Frame)]
        public long Id { get; set; }

        [RbKey(RbKind.Task)]
        public long TaskId { get; set; }

        public string Label { get; set; } = "";
    }

    /// <summary>Changes state but lacks SupportsShouldProcess and OutputType; its task -Id takes a Thing's frame
    /// Id.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "Broken")]
    public sealed class StopBrokenCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[] Id { get; set; } = new long[0];
    }

    /// <summary>Reads but supports ShouldProcess; -Label declares no kind; -Text takes any object by value.</summary>
    [Cmdlet(VerbsCommon.Get, "Broken", SupportsShouldProcess = true)]
    [OutputType(typeof(Thing))]
    public sealed class GetBrokenCommand : PSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Label { get; set; } = "";

        [Parameter(ValueFromPipeline = true)]
        public string Text { get; set; } = "";
    }

    /// <summary>An unapproved verb.</summary>
    [Cmdlet("Grab", "Thing", SupportsShouldProcess = true)]
    [OutputType(typeof(Thing))]
    public sealed class GrabThingCommand : PSCmdlet
    {
    }
}
