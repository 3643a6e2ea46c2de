using System;
using System.Globalization;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>What getTaskList asks for: the recycle bin or not, statuses, a keyword, a submit-time window.</summary>
    internal sealed class EmuTaskFilter
    {
        private readonly long[] statuses;
        private readonly string? keyword;
        private readonly long? keywordId;
        private readonly long? after;
        private readonly long? before;
        private readonly bool recycle;

        public EmuTaskFilter(long[] statuses, string? keyword, long? after, long? before, bool recycle)
        {
            this.statuses = statuses;
            this.keyword = string.IsNullOrEmpty(keyword) ? null : keyword;
            this.after = after;
            this.before = before;
            this.recycle = recycle;
            // a keyword finds a task by its id, or one of its sub-tasks' ids, written exactly
            keywordId = this.keyword != null && long.TryParse(
                this.keyword, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                && id.ToString(CultureInfo.InvariantCulture) == this.keyword ? id : (long?)null;
        }

        /// <summary>Whether what it matches can change as the farm renders (a task's status does; nothing else it reads
        /// does).</summary>
        public bool ByStatus => statuses.Length > 0;

        public bool Matches(EmuTask t)
        {
            if (t.Deleted != recycle) return false;
            if (statuses.Length > 0 && Array.IndexOf(statuses, (long)t.Status) < 0) return false;
            if (keyword != null
                && t.SceneName.IndexOf(keyword, StringComparison.OrdinalIgnoreCase) < 0
                && t.Alias.IndexOf(keyword, StringComparison.OrdinalIgnoreCase) < 0
                && !(keywordId.HasValue && HasId(t, keywordId.Value))) return false;
            if (after.HasValue && t.SubmitMs < after.Value) return false;
            if (before.HasValue && t.SubmitMs > before.Value) return false;
            return true;
        }

        private static bool HasId(EmuTask task, long id)
        {
            if (task.Id == id) return true;
            for (var i = 0; i < task.Children.Count; i++)
            {
                if (HasId(task.Children[i], id)) return true;
            }
            return false;
        }

        /// <summary>Whether <paramref name="other"/> asks for the same tasks.</summary>
        public bool SameAs(EmuTaskFilter other)
        {
            if (recycle != other.recycle || after != other.after || before != other.before || !string.Equals(
                keyword, other.keyword, StringComparison.Ordinal)) return false;
            if (statuses.Length != other.statuses.Length) return false;
            for (var i = 0; i < statuses.Length; i++)
            {
                if (statuses[i] != other.statuses[i]) return false;
            }
            return true;
        }
    }
}
