using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Looks tasks up by ids that come one by one down a pipeline (Get-RbTask -Id, piped frames): each id once, checked
    /// as it comes, -Skip and -First over the ids, and 100 ids a call, sent as a batch fills and at the end.
    /// </summary>
    internal sealed class RbTaskLookup
    {
        private readonly IRbTaskReader api;
        private readonly RbIdBatch batch = new RbIdBatch(Catalog.RbCatalog.QueryTaskInfo.MaxIds);
        private readonly RbPagingWindow window;

        public RbTaskLookup(IRbTaskReader api, long skip, long? first)
        {
            this.api = api;
            window = new RbPagingWindow(skip, first);
        }

        /// <summary>
        /// Takes one id: refuses one that cannot name a task (before anything is sent), passes over a repeat and what
        /// -Skip and -First leave out. Returns true when a batch is full and <see cref="SendAsync"/> should run.
        /// </summary>
        public bool Offer(long id)
        {
            if (!batch.IsNew(id)) return false;
            RbInputRules.CheckIds(new[] { id });
            if (!window.Admit()) return false;
            batch.Add(id);
            return batch.IsFull;
        }

        /// <summary>True while ids are waiting to be sent.</summary>
        public bool HasPending => batch.Count > 0;

        /// <summary>Sends the waiting ids (one call of up to 100): one result per id, in the order they came.</summary>
        public Task<IReadOnlyList<RbItemResult<RbTask>>> SendAsync(CancellationToken cancellationToken)
            => api.GetEachAsync(batch.Take(), cancellationToken);
    }
}
