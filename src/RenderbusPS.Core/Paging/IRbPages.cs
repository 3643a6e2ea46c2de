using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RenderbusPS.Core.Paging
{
    /// <summary>
    /// A listing read page by page, whoever filters it (<see cref="RbPager{T}"/> as the service pages it,
    /// <see cref="RbFilteredPager{T}"/> when part of the filter is applied here): what a cmdlet writes from.
    /// </summary>
    internal interface IRbPages<T> : IDisposable
    {
        /// <summary>True once every wanted item was given out.</summary>
        bool IsDone { get; }

        /// <summary>The service's total count, known after the first page (an upper bound when
        /// <see cref="TotalIsExact"/> is false).</summary>
        long? Total { get; }

        /// <summary>False when items are filtered here, so the service's total counts more than are listed.</summary>
        bool TotalIsExact { get; }

        /// <summary>The next page's items (possibly none); check <see cref="IsDone"/> afterwards.</summary>
        Task<IReadOnlyList<T>> NextAsync(CancellationToken cancellationToken);
    }
}
