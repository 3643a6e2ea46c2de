using System;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// What the tasks of one group cost (Measure-RbTaskCost): one object per group of the properties it was grouped by.
    /// The grouping properties it was not grouped by are null; every task is in exactly one group, so the groups' Cost
    /// adds up to the sum of the tasks' Cost.
    /// </summary>
    public sealed class RbTaskCost
    {
        /// <summary>The group in words: the values it was grouped by, joined by " / " ("All tasks" without
        /// grouping).</summary>
        public string Group { get; set; } = "";
        /// <summary>The tasks' project (empty for tasks filed under none).</summary>
        public string? Project { get; set; }
        /// <summary>The tasks' labels, sorted and joined by ", " (empty for tasks without one).</summary>
        public string? Label { get; set; }
        [RbKey(RbKind.Software)]
        public string? Software { get; set; }
        /// <summary>The day the tasks were submitted, in the time zone the caller chose (local time in
        /// PowerShell).</summary>
        public DateTime? Day { get; set; }
        public RbTaskStatus? Status { get; set; }
        /// <summary>The user (account or sub-account) that submitted the tasks (<c>userName</c>).</summary>
        [RbKey(RbKind.User)]
        public string? Submitter { get; set; }
        /// <summary>Tasks in the group.</summary>
        public int Count { get; set; }
        public long TotalFrames { get; set; }
        public long DoneFrames { get; set; }
        public long FailedFrames { get; set; }
        /// <summary>Render time of the tasks that report one (<c>renderDuration</c>), added up; null when none
        /// does.</summary>
        public TimeSpan? RenderTime { get; set; }
        /// <summary>The tasks' Cost (<c>renderConsume</c>), added up exactly.</summary>
        public decimal Cost { get; set; }
        /// <summary>The group's part of the whole cost, in percent, unrounded (0 when nothing cost anything).</summary>
        public double Share { get; set; }

        public override string ToString() => $"{Group}: {Cost} ({Share:0.0}%)";
    }
}
