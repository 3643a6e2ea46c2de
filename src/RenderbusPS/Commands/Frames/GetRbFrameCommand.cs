using System;
using System.Management.Automation;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Frames
{
    /// <summary>Lists the frames of tasks, page by page. -First/-Skip apply to each task.</summary>
    [Cmdlet(VerbsCommon.Get, "RbFrame", SupportsPaging = true)]
    [OutputType(typeof(RbFrame))]
    public sealed class GetRbFrameCommand : RbSessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public long[] TaskId { get; set; } = Array.Empty<long>();

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Keyword { get; set; }

        [Parameter]
        [ValidateRange(1, RbCatalog.PageLimit)]
        public int PageSize { get; set; } = RbCatalog.PageLimit;

        protected override void ProcessRecord()
        {
            var client = Client;
            foreach (var id in TaskId)
            {
                Guarded(id, () =>
                {
                    var pager = client.Frames.List(id, Keyword, PageSize,
                        (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                        PagingParameters.First == ulong.MaxValue ? (long?)null : (long)PagingParameters.First);
                    WritePages(pager);
                });
            }
        }
    }
}
