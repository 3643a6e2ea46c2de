using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>Reads the session's own account in its protocol (queryUserProfile on REST, query_customer on API
    /// 2.0); <see cref="RbSession.UserReader"/> picks the one.</summary>
    internal interface IRbUserReader
    {
        Task<RbUser> GetUserAsync(CancellationToken cancellationToken);
    }
}
