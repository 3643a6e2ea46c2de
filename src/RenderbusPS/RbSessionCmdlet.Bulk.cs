using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Paging;

namespace RenderbusPS
{
    // the bulk actions' one way to write their outcome (task and frame actions, CONTRIBUTING.md "Bulk actions")
    public abstract partial class RbSessionCmdlet
    {
        /// <summary>
        /// Sends <paramref name="ids"/> (a failure before any id was sent is every id's result), reads the done ones
        /// back with <paramref name="readBack"/> when given, and writes each call's errors, a verbose count of what
        /// it did ("3 of 5 tasks done") and what was read back.
        /// </summary>
        private protected void Act<T>(long[] ids, IReadOnlyList<long[]> calls,
            Func<CancellationToken, Task<IReadOnlyList<RbItemResult>>> send,
            Func<long[], CancellationToken, Task<IReadOnlyList<RbItemResult<T>>>>? readBack, string what,
            object? target) where T : class
        {
            IReadOnlyList<RbItemResult> results;
            try { results = Run(send); }
            catch (Exception error) when (RbErrorKinds.IsCoreError(error))
            {
                results = ids.Select(id => new RbItemResult(id, error)).ToArray();
            }
            // an id counts as done when every request about it succeeded (Set-RbTask sends several)
            var done = RbBulkSender.DoneIds(results);
            IReadOnlyList<RbItemResult<T>> after = Array.Empty<RbItemResult<T>>();
            Exception? unread = null;
            if (readBack != null && done.Length > 0)
            {
                try { after = Run(ct => readBack(done, ct)); }
                catch (Exception error) when (RbErrorKinds.IsCoreError(error)) { unread = error; }
            }
            foreach (var call in RbBulkSender.ByCall(calls, results, after, r => r.Id))
            {
                foreach (var failed in call.Failed) WriteError(Record(failed));
                WriteVerbose($"{MyInvocation.MyCommand.Name}: {call.DoneCount} of {call.Ids.Length} {what} done.");
                if (unread != null && call.DoneCount > 0) WriteRbError(unread, target);
                foreach (var result in call.After)
                {
                    if (result.Item != null) WriteObject(result.Item);
                    else WriteRbError(result.Error!, result.Id);
                }
            }
        }

        /// <summary>An id's failure; Set-RbTask sends a request per setting, so its errors say which
        /// setting.</summary>
        private static ErrorRecord Record(RbItemResult failed)
        {
            var record = RbErrorRecords.ToRecord(failed.Error!, failed.Id);
            if (failed is RbSettingResult setting)
                record.ErrorDetails = new ErrorDetails($"-{setting.Setting}: {failed.Error!.Message}")
                    { RecommendedAction = record.ErrorDetails?.RecommendedAction };
            return record;
        }
    }
}
