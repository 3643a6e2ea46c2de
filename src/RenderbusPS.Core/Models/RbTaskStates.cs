using System;
using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The statuses stopTask and startTask act on. The service refuses a whole call (code 100, nothing changed) when
    /// one of its tasks is in another status; the emulator follows this table. A bulk cmdlet piped a task straight from
    /// a listing still streaming into the same pipeline, whose status is outside the set, reports that task at once
    /// instead of sending it, so <c>Get-RbTask | Stop-RbTask</c> over a large account sends only tasks that can be
    /// stopped, 100 to a call, instead of a refused call and then one call per id.
    /// </summary>
    internal static class RbTaskStates
    {
        public static readonly IReadOnlyCollection<RbTaskStatus> Stoppable =
            new HashSet<RbTaskStatus> { RbTaskStatus.Waiting, RbTaskStatus.Rendering, RbTaskStatus.Preprocessing };

        public static readonly IReadOnlyCollection<RbTaskStatus> Startable =
            new HashSet<RbTaskStatus> { RbTaskStatus.Stopped, RbTaskStatus.UserStopped, RbTaskStatus.ArrearsStopped,
                RbTaskStatus.TimeoutStopped };

        public static readonly IReadOnlyCollection<RbTaskStatus> Abandonable = new HashSet<RbTaskStatus>(Stoppable.Concat(Startable))
            { RbTaskStatus.Analysing };

        /// <summary>Statuses of a task the farm is busy with: it cannot be deleted until it is stopped.</summary>
        public static readonly IReadOnlyCollection<RbTaskStatus> Busy = new HashSet<RbTaskStatus>(Stoppable) { RbTaskStatus.Analysing };

        /// <summary>
        /// What a task action applies to and what it leaves behind, for the operations that act on tasks by id: the
        /// bulk sender reads it when the service refuses a call (code 100) to tell, from one look-up, which tasks to
        /// send again, which cannot take the action, and which a lost first answer already acted on.
        /// </summary>
        public static RbTaskActionRule? RuleFor(RbOperation op)
            => Rules.TryGetValue(op, out var rule) ? rule : op.IdListField == "taskIds" ? AnyTask : null;

        private static readonly RbTaskActionRule AnyTask = new RbTaskActionRule("changed", t => true, null);

        private static readonly Dictionary<RbOperation, RbTaskActionRule> Rules = new Dictionary<RbOperation, RbTaskActionRule>
        {
            [RbCatalog.StopTask] = new RbTaskActionRule("stopped", t => Stoppable.Contains(t.Status),
                t => t.Status == RbTaskStatus.Stopped || t.Status == RbTaskStatus.UserStopped),
            [RbCatalog.StartTask] = new RbTaskActionRule("started", t => Startable.Contains(t.Status),
                t => t.Status is RbTaskStatus.Waiting or RbTaskStatus.Rendering or RbTaskStatus.Preprocessing),
            [RbCatalog.AbandonTask] = new RbTaskActionRule("abandoned", t => Abandonable.Contains(t.Status),
                t => t.Status == RbTaskStatus.Abandoned),
            // a deleted task leaves the live list: gone is what a delete leaves behind
            [RbCatalog.DeleteTask] = new RbTaskActionRule(
                "deleted", t => t.ParentId == null && !Busy.Contains(t.Status),
                t => t.IsDeleted, goneIsDone: true),
            [RbCatalog.RecommitTasks] = new RbTaskActionRule("restarted", t => t.Status != RbTaskStatus.Abandoned
                && t.Status != RbTaskStatus.Submitting && t.Status != RbTaskStatus.SubmitFailed, null),
        };

        /// <summary>The error for a task id the account does not have: the same id from every cmdlet.</summary>
        public static RbValidationException NotFound(long id)
            => new RbValidationException("Rb.TaskNotFound", $"Task {id} does not exist in this account.", "Id",
                "Check the id; list tasks with Get-RbTask.", id);

        /// <summary>The per-task error for a task read in a status the action does not apply to; nothing was sent for
        /// it.</summary>
        /// <param name="cmdlet">The cmdlet as the user typed it (Stop-RbTask).</param>
        /// <param name="verb">What the action does to a task ("stopped").</param>
        public static RbValidationException NotApplicable(
            RbTask task, string cmdlet, string verb, IReadOnlyCollection<RbTaskStatus> appliesTo)
            => new RbValidationException(
                // the id the service's refusal (code 100) gets, so a script that handles one handles the other
                "Rb." + RbCodes.NameOf(RbCodes.Fail),
                $"Task {task.Id} is {task.Status} (read just now by the listing piped in): it cannot be {verb} ({cmdlet} acts on {string.Join(", ", appliesTo.OrderBy(s => (int)s))} tasks); nothing was sent for it.",
                "Id",
                $"Select the tasks first (Get-RbTask -Status {string.Join(",", appliesTo.OrderBy(s => (int)s))} | {cmdlet}), or give -Id {task.Id} to let the service decide on its status now.",
                task.Id);
    }

    /// <summary>What a task action applies to, and how a task looks once it was done (null: nothing tells).</summary>
    internal sealed class RbTaskActionRule
    {
        public RbTaskActionRule(
            string verb, Func<RbTask, bool> appliesTo, Func<RbTask, bool>? isDone, bool goneIsDone = false)
        {
            Verb = verb;
            AppliesTo = appliesTo;
            IsDone = isDone;
            GoneIsDone = goneIsDone;
        }

        /// <summary>What the action does to a task ("stopped").</summary>
        public string Verb { get; }
        public Func<RbTask, bool> AppliesTo { get; }
        public Func<RbTask, bool>? IsDone { get; }

        /// <summary>True when a task that is gone (deleted, or no longer found) is what the action leaves
        /// behind.</summary>
        public bool GoneIsDone { get; }

        /// <summary>The error for a task the service refused because of its status; the id the service's refusal
        /// gets.</summary>
        public RbValidationException NotApplicable(RbTask task)
            => new RbValidationException("Rb." + RbCodes.NameOf(RbCodes.Fail),
                $"Task {task.Id} is {task.Status}: it cannot be {Verb}.", "Id",
                $"Read the task again (Get-RbTask -Id {task.Id}) and act on it once its status allows.", task.Id);
    }
}
