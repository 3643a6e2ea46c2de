using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Paging
{
    /// <summary>A frame's render log read piece by piece (REST's showLog pages, or API 2.0's one answer).</summary>
    internal interface IRbLogPages : IDisposable
    {
        bool IsDone { get; }

        Task<IReadOnlyList<RbFrameLogLine>> NextAsync(CancellationToken cancellationToken);
    }
}
