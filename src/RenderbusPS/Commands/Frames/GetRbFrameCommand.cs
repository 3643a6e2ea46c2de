using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>
    /// Lists the frames of tasks page by page, or gets one frame. A piped task lists its frames; a piped frame is read
    /// again. -Status filters each page as it arrives (the service cannot); -First/-Skip apply to the whole output,
    /// across tasks.
    /// </summary>
    [RbSends(nameof(RbCatalog.QueryTaskFrames))]
    [RbSendsApi2("query_task")]
    [Cmdlet(VerbsCommon.Get, "RbFrame", SupportsPaging = true)]
    [OutputType(typeof(RbFrame))]
    public sealed class GetRbFrameCommand : RbSessionCmdlet
    {
        /// <summary>Requests in flight at once for this call (1 = one after another); the session's limit when left
        /// out.</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; }

        private RbPagingWindow? window;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [RbKey(RbKind.Task)]
        public long[] TaskId { get; set; } = Array.Empty<long>();

        /// <summary>One frame of the task (a piped frame brings its own).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [RbKey(RbKind.Frame)]
        public long? FrameId { get; set; }

        /// <summary>Only frames in these statuses.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public RbFrameStatus[]? Status { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Keyword { get; set; }

        [Parameter]
        [ValidateRange(1, RbCatalog.PageLimit)]
        public int PageSize { get; set; } = RbCatalog.PageLimit;

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            window ??= new RbPagingWindow(PagingSkip, PagingFirst);
            foreach (var id in TaskId)
            {
                if (window.IsFull) return;
                Guarded(id, () =>
                {
                    if (FrameId.HasValue)
                    {
                        var frame = Run(ct => session.FrameReader.GetAsync(id, FrameId.Value, ct));
                        if ((Status == null || Array.IndexOf(Status, frame.Status) >= 0)
                            && window.Admit()) WriteObject(frame);
                        return;
                    }
                    // without -Status the pager skips and stops itself, so it asks only for the pages -Skip/-First need
                    var pushDown = Status == null || Status.Length == 0;
                    var skipping = window.SkipLeft;
                    // -First with -Status cannot tell which page holds the last frame wanted: read one page at a time
                    // (unless -ThrottleLimit says otherwise) so that no page past it is asked for
                    var oneByOne = RequestedThrottleLimit == null && !pushDown && window.FirstLeft.HasValue;
                    using var pager = session.WithThrottleLimit(oneByOne ? 1
                        : (int?)null).FrameReader.List(new RbFrameQuery
                    {
                        TaskId = id, Status = Status, Keyword = Keyword, PageSize = PageSize,
                        Skip = pushDown ? skipping : 0, First = pushDown ? window.FirstLeft : null,
                    });
                    while (!pager.IsDone && !window.IsFull)
                    {
                        var frames = Run(pager.NextAsync);
                        if (pushDown && skipping > 0)
                        {
                            window.Skipped(pager.Skipped);
                            skipping = 0;
                        }
                        foreach (var frame in frames)
                        {
                            if (window.Admit()) WriteObject(frame);
                        }
                    }
                });
            }
        }
    }
}
