using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// Reads a frame's render log (<c>showLog</c>). The log is not a list of records: the service cuts the log file
    /// into pieces of about <c>size</c> (16384) characters and answers one piece per page, numbered from 0 (the
    /// documented example asks for <c>pageNum</c> 0 and gets <c>pageNum</c> 0, <c>pageCount</c> 2, <c>total</c> 29967,
    /// <c>size</c> 16384), with the piece's lines in <c>items</c>. So the task pager does not fit: this reader asks for
    /// page 0, 1, … until the page before <c>pageCount</c> (a service that answers page 1 to page 0 is read as
    /// numbering from 1), and gives out each page's lines as they arrive, numbered from 1. A frame that has not started
    /// has no log: pageCount 0.
    /// </summary>
    internal sealed class RbFrameLogReader : IDisposable, IRbLogPages
    {
        private readonly RbClient client;
        private readonly RbReadAhead<RbPage<string>> ahead;
        private int nextPage;
        private int? firstPage;
        private int? pageCount;
        private long linesRead;

        /// <param name="throttleLimit">Pages in flight at once once the first page said how many there are.</param>
        internal RbFrameLogReader(RbClient client, long frameId, int throttleLimit = 1)
        {
            this.client = client;
            FrameId = frameId;
            ahead = new RbReadAhead<RbPage<string>>(ReadPageAsync, throttleLimit, $"log pages of frame {frameId}");
        }

        public long FrameId { get; }
        public bool IsDone { get; private set; }
        public int PagesFetched { get; private set; }
        /// <summary>Characters in the whole log, as the service counts them (known after the first page).</summary>
        public long? Total { get; private set; }

        /// <summary>The next page's lines; the pages after it are read ahead up to the throttle limit.</summary>
        public async Task<IReadOnlyList<RbFrameLogLine>> NextAsync(CancellationToken cancellationToken)
        {
            if (IsDone) return Array.Empty<RbFrameLogLine>();
            IReadOnlyList<string> items;
            try
            {
                using (cancellationToken.Register(ahead.Cancel))
                {
                    var read = ahead.Take(nextPage);
                    if (pageCount.HasValue) ahead.Fill(nextPage + 1, LastPage - 1, 1);
                    items = Adopt(
                        nextPage, await (read ?? ahead.FetchAsync(nextPage, cancellationToken)).ConfigureAwait(false));
                }
            }
            catch
            {
                Dispose();
                throw;
            }
            nextPage++;
            if (pageCount.HasValue) IsDone = nextPage > LastPage;
            else IsDone = items.Count == 0;
            if (PagesFetched > (pageCount ?? 0) + 2 && !IsDone)
                throw new RbProtocolException(
                    $"The service kept announcing more of the log of frame {FrameId} after {PagesFetched} pages; stopped.", "showLog");
            if (IsDone) Dispose();
            // the last page is never read ahead: a frame still rendering grows its log, so its last page is read when
            // its turn comes (the pages before it are full and no longer change)
            else if (pageCount.HasValue) ahead.Fill(nextPage, LastPage - 1, 0);
            return items.Select(t => new RbFrameLogLine(FrameId, ++linesRead, t)).ToList();
        }

        private int LastPage => (firstPage ?? 0) + Math.Max(0, (pageCount ?? 0) - 1);

        /// <summary>
        /// The last <paramref name="tail"/> lines: the first page says how many pages there are, then pages are read
        /// from the last one backwards until there are enough lines. Line numbers are known only when every page was
        /// read.
        /// </summary>
        internal async Task<IReadOnlyList<RbFrameLogLine>> TailAsync(int tail, CancellationToken cancellationToken)
        {
            var first = Adopt(0, await ReadPageAsync(0, cancellationToken).ConfigureAwait(false));
            var pieces = new List<IReadOnlyList<string>>();
            var collected = 0;
            var last = LastPage;
            var page = last;
            for (; page > (firstPage ?? 0) && collected < tail; page--)
            {
                var items = Adopt(page, await ReadPageAsync(page, cancellationToken).ConfigureAwait(false));
                pieces.Insert(0, items);
                collected += items.Count;
            }
            var complete = page <= (firstPage ?? 0);
            if (complete) pieces.Insert(0, first);
            IsDone = true;
            var lines = pieces.SelectMany(p => p).ToList();
            var skip = Math.Max(0, lines.Count - tail);
            return lines.Skip(skip).Select(
                (t, i) => new RbFrameLogLine(FrameId, complete ? skip + i + 1 : (long?)null, t)).ToList();
        }

        /// <summary>One page as the service answered it; touches no state, so several may be in flight.</summary>
        private async Task<RbPage<string>> ReadPageAsync(int page, CancellationToken cancellationToken)
        {
            var op = RbCatalog.ShowLog;
            var body = new RbBody()
                .Add("renderingType", "render")
                .Add("pageNum", page)
                .Add("pageSize", op.MaxPageSize)
                .Add("id", FrameId);
            // a line that is not text comes as its JSON
            return await client.ReadAsync(op, body, (ref Utf8JsonReader r) => RbWire.Page<string>(ref r, page),
                cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Takes in what a page said about the log (numbering, page count, size) in the order the pages are
        /// used.</summary>
        private IReadOnlyList<string> Adopt(int page, RbPage<string> answer)
        {
            PagesFetched++;
            if (!firstPage.HasValue) firstPage = answer.PageNum == page + 1 ? 1 : 0;
            // a page served before the log grew may say fewer pages: the reader never shrinks what it knows exists
            if (answer.PageCount.HasValue) pageCount = Math.Max(pageCount ?? 0, answer.PageCount.Value);
            Total = answer.Total ?? Total;
            if (firstPage == 1 && page == 0) nextPage = 1;
            return answer.Items;
        }

        /// <summary>Cancels the pages read ahead; the reader reads no more.</summary>
        public void Dispose()
        {
            IsDone = true;
            ahead.Dispose();
        }
    }
}
