using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>What tasks can be grouped by when their cost is added up (Measure-RbTaskCost -By).</summary>
    internal enum RbCostGroup
    {
        Project,
        Label,
        Software,
        Day,
        Status,
        Submitter,
    }

    /// <summary>
    /// Adds up the cost of tasks as they arrive, by group, keeping only the groups: a listing of any size streams
    /// through it in the memory of its groups (plus, for the sub-task rule below, the ids of one task's sub-tasks).
    /// Each task is in exactly one group (a task's labels form one group together), and costs are decimals added
    /// exactly, so the groups' Cost always adds up to the tasks' Cost.
    /// <para>
    /// A top-level task's Cost already holds its sub-tasks' (the service adds them up), so a sub-task that comes
    /// right after its parent (Get-RbTask -IncludeLayers) is not counted again; a sub-task that comes alone is
    /// counted.
    /// </para>
    /// </summary>
    internal sealed class RbCostRollup
    {
        private readonly RbCostGroup[] by;
        private readonly TimeZoneInfo zone;
        private readonly Func<RbTask, bool>? keep;
        private readonly Dictionary<string, RbTaskCost> groups =
            new Dictionary<string, RbTaskCost>(StringComparer.Ordinal);
        private readonly HashSet<long> lastSubTasks = new HashSet<long>();

        /// <param name="by">What to group by, in the order the group's name gives them; none: one group of every
        /// task.</param>
        /// <param name="zone">The time zone whose days <see cref="RbCostGroup.Day"/> groups by.</param>
        /// <param name="keep">Only tasks it says yes to are counted (a filter the service cannot apply, such as a
        /// project).</param>
        public RbCostRollup(IEnumerable<RbCostGroup>? by, TimeZoneInfo zone, Func<RbTask, bool>? keep = null)
        {
            this.by = (by ?? Enumerable.Empty<RbCostGroup>()).Distinct().ToArray();
            this.zone = zone ?? throw new ArgumentNullException(nameof(zone));
            this.keep = keep;
        }

        /// <summary>Tasks counted so far.</summary>
        public long TaskCount { get; private set; }

        /// <summary>Sub-tasks passed over because their parent, just before them, already holds their cost.</summary>
        public long SubTasksInParent { get; private set; }

        /// <summary>Every counted task's Cost, added up.</summary>
        public decimal Total { get; private set; }

        public int GroupCount => groups.Count;

        /// <summary>Counts one task in its group.</summary>
        public void Add(RbTask task)
        {
            if (task == null) throw new ArgumentNullException(nameof(task));
            if (task.ParentId.HasValue && lastSubTasks.Contains(task.Id))
            {
                SubTasksInParent++;
                return;
            }
            if (!task.ParentId.HasValue)
            {
                lastSubTasks.Clear();
                foreach (var sub in task.SelfAndSubTasks().Skip(1)) lastSubTasks.Add(sub.Id);
            }
            if (keep != null && !keep(task)) return;

            var key = KeyOf(task, out var values);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = NewGroup(values);
            group.Count++;
            group.TotalFrames += task.TotalFrames;
            group.DoneFrames += task.DoneFrames;
            group.FailedFrames += task.FailedFrames;
            if (task.RenderDuration.HasValue)
                group.RenderTime = (group.RenderTime ?? TimeSpan.Zero) + task.RenderDuration.Value;
            group.Cost += task.Cost;
            Total += task.Cost;
            TaskCount++;
        }

        /// <summary>Reads the next page of a listing and counts its tasks, keeping none; check the pager's IsDone
        /// after.</summary>
        public async Task<int> AddPageAsync(RbPager<RbTask> pager, CancellationToken cancellationToken)
        {
            var page = await pager.NextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var task in page) Add(task);
            return page.Count;
        }

        /// <summary>
        /// The groups, the biggest cost first (ties by name), each with its share of the whole. Without grouping there
        /// is always one group, even of no tasks, so a script can read the total of an empty week as 0.
        /// </summary>
        public IReadOnlyList<RbTaskCost> Results()
        {
            var list = groups.Values.ToList();
            if (by.Length == 0 && list.Count == 0) list.Add(NewGroup(new string?[0]));
            foreach (var g in list) g.Share = Total == 0 ? 0 : (double)(g.Cost * 100m / Total);
            return list.OrderByDescending(g => g.Cost).ThenBy(g => g.Group, StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>The group key of a task (the values it grouped by, case folded) and the values as shown.</summary>
        private string KeyOf(RbTask task, out string?[] values)
        {
            values = new string?[by.Length];
            for (var i = 0; i < by.Length; i++) values[i] = ValueOf(task, by[i]);
            return string.Join("\u001f", values.Select(v => v?.ToUpperInvariant()));
        }

        private string? ValueOf(RbTask task, RbCostGroup group)
        {
            switch (group)
            {
                case RbCostGroup.Project: return task.ProjectName?.Trim() ?? "";
                case RbCostGroup.Label:
                    return string.Join(", ", task.Labels.Select(l => l.Name.Trim())
                        .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
                case RbCostGroup.Software:
                    if (task.Software != null || !task.SoftwareId.HasValue) return task.Software ?? "";
                    return task.SoftwareId.Value.ToString(CultureInfo.InvariantCulture);
                case RbCostGroup.Day:
                    if (!task.SubmittedAt.HasValue) return "";
                    var day = TimeZoneInfo.ConvertTime(task.SubmittedAt.Value, zone).Date;
                    return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                case RbCostGroup.Status: return task.Status.ToString();
                default: return task.UserName?.Trim() ?? "";
            }
        }

        private RbTaskCost NewGroup(string?[] values)
        {
            var g = new RbTaskCost();
            var names = new List<string>();
            for (var i = 0; i < by.Length; i++)
            {
                var value = values[i] ?? "";
                switch (by[i])
                {
                    case RbCostGroup.Project: g.Project = value; break;
                    case RbCostGroup.Label: g.Label = value; break;
                    case RbCostGroup.Software: g.Software = value; break;
                    case RbCostGroup.Day:
                        g.Day = value.Length == 0 ? (DateTime?)null
                            : DateTime.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                        break;
                    case RbCostGroup.Status:
                        g.Status = (RbTaskStatus)Enum.Parse(typeof(RbTaskStatus), value);
                        break;
                    default: g.Submitter = value; break;
                }
                names.Add(value.Length > 0 ? value : "(no " + by[i].ToString().ToLowerInvariant() + ")");
            }
            g.Group = names.Count == 0 ? "All tasks" : string.Join(" / ", names);
            return g;
        }
    }
}
