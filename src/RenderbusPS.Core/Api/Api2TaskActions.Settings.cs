using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    internal sealed partial class Api2TaskActions
    {
        /// <summary>Longest time-out operate_task takes, in hours (30 days; the emulator holds it to this).</summary>
        public const int MaxTimeoutHours = 720;

        /// <summary>
        /// Resubmits frames (operate_order 1). Its <c>restart_type</c> takes one frame status per call, so each status
        /// is one batched order, and an id is done when every order for it was; an id an order failed for is not sent
        /// the next one. A restart renders and bills again: a lost answer is never sent again (Rb.OutcomeUnknown).
        /// </summary>
        [RbSendsApi2("operate_task")]
        public async Task<IReadOnlyList<RbItemResult>> RestartAsync(IEnumerable<long> ids,
            IReadOnlyCollection<RbFrameStatus>? frameStatus, CancellationToken cancellationToken)
        {
            var list = ids.ToList();
            RbInputRules.CheckIds(list);
            var statuses = frameStatus == null || frameStatus.Count == 0 ? TasksApi.DefaultRestartStatus
                : frameStatus;
            var lacking = statuses.Where(s => RestartType(s) == null).Distinct().ToList();
            if (lacking.Count > 0) return Each(list, Lacks("FrameStatus", "-FrameStatus "
                + string.Join(", ", lacking), "it restarts Failed, Stopped, TimedOut, Finished, Rendering and "
                + "Waiting frames"));
            var results = list.Distinct().ToDictionary(id => id, id => (Exception?)null);
            foreach (var type in statuses.Select(s => RestartType(s)!.Value).Distinct().OrderBy(t => t))
            {
                var pending = results.Where(r => r.Value == null).Select(r => r.Key).ToList();
                if (pending.Count == 0) break;
                foreach (var r in await OperateAsync(pending, 1, body => body.Add("restart_type", Text(type)),
                    cancellationToken).ConfigureAwait(false)) results[r.Id] = r.Error;
            }
            return list.Distinct().Select(id => new RbItemResult(id, results[id])).ToList();
        }

        /// <summary>
        /// The restart_type of a frame status (API2-NOTES §3.4): abandoned frames (1) are what REST calls stopped,
        /// and timed-out frames are stopped ones too; null for a status API 2.0 cannot restart.
        /// </summary>
        public static int? RestartType(RbFrameStatus status)
            => status == RbFrameStatus.TimedOut ? 1 : RbApi2Words.RestartType(status);

        /// <summary>
        /// Changes the priority and the time-out (operate_order 3, one order for both): one result per task, named
        /// after the settings it carried. A setting API 2.0 lacks refuses the whole call for every id, and a time-out
        /// that is not whole hours is refused; nothing is sent then.
        /// </summary>
        [RbSendsApi2("operate_task")]
        public async Task<IReadOnlyList<RbSettingResult>> SetAsync(IEnumerable<long> ids, RbTaskSettings settings,
            CancellationToken cancellationToken)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            settings.Check();
            var list = ids.Distinct().ToList();
            RbInputRules.CheckIds(list);
            var lacking = new List<string>();
            if (settings.MachineLimit.HasValue) lacking.Add("-MachineLimit");
            if (settings.FullSpeed) lacking.Add("-FullSpeed");
            if (settings.HardwareConfigId.HasValue) lacking.Add("-HardwareConfig");
            if (lacking.Count > 0)
            {
                var error = Lacks(lacking[0].Substring(1), string.Join(", ", lacking),
                    "operate_task sets only -Priority and -TimeoutStop");
                return list.Select(id => new RbSettingResult(id, lacking[0].Substring(1), error)).ToList();
            }
            var hours = settings.TimeoutStop.HasValue ? TimeoutHours(settings.TimeoutStop.Value) : (int?)null;
            var given = new List<string>();
            if (settings.Priority.HasValue) given.Add("Priority");
            if (hours.HasValue) given.Add("TimeoutStop");
            var results = await OperateAsync(list, 3, body => body
                .Add("priority", settings.Priority.HasValue ? Text(settings.Priority.Value) : null)
                .Add("task_over_time", hours.HasValue ? Text(hours.Value) : null), cancellationToken)
                .ConfigureAwait(false);
            var setting = string.Join(" and -", given);
            return results.Select(r => new RbSettingResult(r.Id, setting, r.Error)).ToList();
        }

        /// <summary>
        /// operate_task's <c>task_over_time</c> in whole hours. The document gives no unit; its create actions take
        /// the time-out in hours, so this reads it as hours (1 to 720), as the emulator does.
        /// </summary>
        public static int TimeoutHours(TimeSpan timeout)
        {
            var seconds = RbInputRules.CheckTimeoutStop(timeout);
            if (seconds % 3600 != 0 || seconds / 3600 > MaxTimeoutHours)
                throw new RbValidationException(RbInputRules.TimeoutStop.ErrorId,
                    $"-TimeoutStop {timeout} is not a whole number of hours from 1 to {MaxTimeoutHours}: API 2.0, "
                    + "which this session speaks, takes the time-out in whole hours; nothing was sent.",
                    "TimeoutStop", "Give whole hours, such as -TimeoutStop (New-TimeSpan -Hours 2).", timeout);
            return seconds / 3600;
        }

        /// <summary>Rb.NotInProtocol for a parameter (or value) API 2.0 has no field for.</summary>
        private static RbValidationException Lacks(string parameter, string what, string has)
            => new RbValidationException("Rb.NotInProtocol",
                $"{what} is not part of API 2.0, which this session speaks ({has}); nothing was sent.", parameter,
                "Leave it out, or connect a REST session for it (Connect-Renderbus with an access id and key, without "
                + "-Protocol Api2) and pass it with -Session.", parameter);

        private static IReadOnlyList<RbItemResult> Each(IEnumerable<long> ids, Exception error)
            => ids.Distinct().Select(id => new RbItemResult(id, error)).ToList();

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
