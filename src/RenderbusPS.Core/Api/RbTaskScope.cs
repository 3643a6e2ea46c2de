using System;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Calls about one task. The service refuses a task the account does not have in several ways (code 100 on
    /// actions, 404 on reads); a look-up tells which it was, so that every cmdlet reports a missing task as
    /// <c>Rb.TaskNotFound</c>, the id scripts catch.
    /// </summary>
    internal static class RbTaskScope
    {
        public static async Task<T> RunAsync<T>(RbClient client, long taskId, Func<Task<T>> call,
            CancellationToken cancellationToken)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (RbApiException refused) when (refused.Code == RbCodes.Fail
                || refused.Code == RbCodes.ResourceNotFound)
            {
                var found = await new TasksApi(client.WithThrottleLimit(1)).GetEachAsync(new[] { taskId },
                    cancellationToken).ConfigureAwait(false);
                if (found[0].Item == null && found[0].Error is RbValidationException missing) throw missing;
                throw;
            }
        }

        public static Task RunAsync(RbClient client, long taskId, Func<Task> call, CancellationToken cancellationToken)
            => RunAsync(client, taskId, async () =>
            {
                await call().ConfigureAwait(false);
                return true;
            }, cancellationToken);
    }
}
