using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using RenderbusPS.Core.Api;

namespace RenderbusPS
{
    /// <summary>Wait-RbTask's progress bars: one per task under a parent bar for the whole set, changed once a
    /// poll.</summary>
    internal sealed class RbWaitProgress
    {
        private const int ParentActivity = 1;
        private const string Activity = "Waiting for Renderbus tasks";
        private readonly Dictionary<long, int> activityOf = new Dictionary<long, int>();

        /// <summary>The bars as a poll read the tasks.</summary>
        public IEnumerable<ProgressRecord> Show(RbWaitPoll poll)
        {
            yield return new ProgressRecord(ParentActivity, Activity, poll.Summary)
            {
                PercentComplete = poll.TotalFrames > 0 ? Math.Min(100, 100 * poll.DoneFrames / poll.TotalFrames) : 0,
            };
            foreach (var task in poll.Tasks)
            {
                if (!activityOf.TryGetValue(task.Id, out var activity))
                    activityOf[task.Id] = activity = activityOf.Count + ParentActivity + 1;
                var name = $"{task.Alias ?? task.Id.ToString(CultureInfo.InvariantCulture)} {task.SceneName}";
                yield return new ProgressRecord(activity, name, RbWaitPoll.Describe(task))
                {
                    ParentActivityId = ParentActivity,
                    PercentComplete = (int)Math.Min(100, task.Progress),
                    RecordType = RbTaskWaiter.HasEnded(task.Status)
                        ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                };
            }
        }

        /// <summary>Every bar, completed.</summary>
        public IEnumerable<ProgressRecord> Complete()
        {
            foreach (var activity in activityOf.Values)
            {
                yield return new ProgressRecord(activity, "Renderbus task", "done")
                {
                    ParentActivityId = ParentActivity, RecordType = ProgressRecordType.Completed,
                };
            }
            yield return new ProgressRecord(ParentActivity, Activity, "done")
            {
                RecordType = ProgressRecordType.Completed,
            };
        }
    }
}
