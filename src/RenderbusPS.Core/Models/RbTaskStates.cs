using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The statuses stopTask and startTask act on. The service refuses a whole call (code 100, nothing changed) when one of
    /// its tasks is in another status; the emulator follows this table. A bulk cmdlet piped a task straight from a listing
    /// still streaming into the same pipeline, whose status is outside the set, reports that task at once instead of sending it, so <c>Get-RbTask | Stop-RbTask</c> over a
    /// large account sends only tasks that can be stopped, 100 to a call, instead of a refused call and then one call per id.
    /// </summary>
    public static class RbTaskStates
    {
        public static readonly IReadOnlyCollection<RbTaskStatus> Stoppable =
            new HashSet<RbTaskStatus> { RbTaskStatus.Waiting, RbTaskStatus.Rendering, RbTaskStatus.Preprocessing };

        public static readonly IReadOnlyCollection<RbTaskStatus> Startable =
            new HashSet<RbTaskStatus> { RbTaskStatus.Stopped, RbTaskStatus.UserStopped, RbTaskStatus.ArrearsStopped, RbTaskStatus.TimeoutStopped };

        /// <summary>The per-task error for a task read in a status the action does not apply to; nothing was sent for it.</summary>
        /// <param name="cmdlet">The cmdlet as the user typed it (Stop-RbTask).</param>
        /// <param name="verb">What the action does to a task ("stopped").</param>
        public static RbValidationException NotApplicable(RbTask task, string cmdlet, string verb, IReadOnlyCollection<RbTaskStatus> appliesTo)
            => new RbValidationException(
                // the id the service's refusal (code 100) gets, so a script that handles one handles the other
                "Rb." + RbCodes.NameOf(RbCodes.Fail),
                $"Task {task.Id} is {task.Status} (read just now by the listing piped in): it cannot be {verb} ({cmdlet} acts on {string.Join(", ", appliesTo.OrderBy(s => (int)s))} tasks); nothing was sent for it.",
                "Id",
                $"Select the tasks first (Get-RbTask -Status {string.Join(",", appliesTo.OrderBy(s => (int)s))} | {cmdlet}), or give -Id {task.Id} to let the service decide on its status now.",
                task.Id);
    }
}
