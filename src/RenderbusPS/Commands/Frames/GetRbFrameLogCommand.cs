using System;
using RenderbusPS.Core;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>
    /// Writes a frame's render log as lines of text, page by page as they arrive, like Get-Content: each line is a
    /// string (so Select-String, Set-Content and -match work as on a file) that also carries FrameId and LineNumber.
    /// </summary>
    [RbSends(nameof(RbCatalog.ShowLog))]
    [RbSendsApi2("query_task")]
    [Cmdlet(VerbsCommon.Get, "RbFrameLog")]
    [OutputType(typeof(string))]
    public sealed class GetRbFrameLogCommand : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [RbKey(RbKind.Frame)]
        public long[] FrameId { get; set; } = Array.Empty<long>();

        /// <summary>The frame's task: API 2.0 finds a log only through it (a piped frame brings its own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [RbKey(RbKind.Task, Owner = true)]
        public long? TaskId { get; set; }

        /// <summary>Only the last lines: pages are read from the end of the log until there are enough.</summary>
        [Parameter]
        public int? Tail { get; set; }

        protected override void BeginProcessing()
        {
            // refused once, before any frame is read, not once per piped frame
            if (Tail.HasValue && Tail.Value < 1) ThrowRbError(
                RbInputRules.LogTail.Error($"-Tail {Tail} is less than 1.", Tail), Tail);
        }

        protected override void ProcessRecord()
        {
            var api = ActiveSession.FrameLogs;
            foreach (var id in FrameId)
            {
                Guarded(id, () =>
                {
                    var written = 0;
                    if (Tail.HasValue)
                    {
                        foreach (var line in Run(ct => api.ReadLogTailAsync(id, TaskId, Tail.Value, ct)))
                        {
                            Write(line);
                            written++;
                        }
                    }
                    else
                    {
                        using var reader = api.ReadLog(id, TaskId);
                        while (!reader.IsDone)
                        {
                            foreach (var line in Run(reader.NextAsync)) { Write(line); written++; }
                        }
                    }
                    if (written == 0) WriteVerbose($"Frame {id} has no render log yet (it has not started rendering).");
                });
            }
        }

        private void Write(RbFrameLogLine line)
        {
            var text = new PSObject(line.Text);
            text.Properties.Add(new PSNoteProperty("FrameId", line.FrameId));
            if (line.LineNumber.HasValue) text.Properties.Add(new PSNoteProperty("LineNumber", line.LineNumber.Value));
            WriteObject(text);
        }
    }
}
