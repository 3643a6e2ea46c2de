using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core
{
    /// <summary>One rule bad input breaks: its stable error id, the parameter it names, what is wrong and what to do.</summary>
    public sealed class RbInputRule
    {
        internal RbInputRule(string errorId, string parameter, string rule, string action)
        {
            ErrorId = errorId;
            Parameter = parameter;
            Rule = rule;
            Action = action;
        }

        /// <summary>FullyQualifiedErrorId of the error, e.g. <c>Rb.InvalidTimeRange</c>.</summary>
        public string ErrorId { get; }
        /// <summary>The parameter (as users type it) whose value breaks the rule.</summary>
        public string Parameter { get; }
        /// <summary>What the rule asks for.</summary>
        public string Rule { get; }
        /// <summary>What the user can do.</summary>
        public string Action { get; }

        /// <summary>The error for a value that breaks the rule; nothing has been sent.</summary>
        public RbValidationException Error(string message, object? target = null)
            => new RbValidationException(ErrorId, message, Parameter, Action, target);

        public override string ToString() => $"{ErrorId}: {Rule}";
    }

    /// <summary>
    /// Every rule RenderbusPS checks before it sends anything, in one table. Core methods call the checks; cmdlets call
    /// them too where they can refuse a value before the first request. Bad input never becomes a silent empty answer.
    /// </summary>
    public static class RbInputRules
    {
        public static readonly RbInputRule TimeRange = new RbInputRule("Rb.InvalidTimeRange", "SubmittedAfter",
            "-SubmittedAfter must be earlier than -SubmittedBefore.",
            "Swap the two times, or leave one out.");

        public static readonly RbInputRule PageSize = new RbInputRule("Rb.InvalidPageSize", "PageSize",
            "-PageSize must be from 1 to the operation's page limit.",
            "Give a page size from 1 to 100, or leave it out.");

        public static readonly RbInputRule Id = new RbInputRule("Rb.InvalidId", "Id",
            "Ids are positive whole numbers.",
            "Give ids as shown by Get-RbTask (the Id column), not aliases such as 2W19097.");

        public static readonly RbInputRule EmptyKeyword = new RbInputRule("Rb.EmptyKeyword", "Keyword",
            "-Keyword must contain more than white space.",
            "Give part of a scene name or a task id, or leave -Keyword out.");

        public static readonly RbInputRule FrameRange = new RbInputRule("Rb.InvalidFrameRange", "FrameRange",
            "A frame range is N, A-B or A-B[S] separated by commas (frames 0 or more, A not above B, step 1 or more).",
            "Write the range as in 1,20-30[2],494.");

        public static readonly RbInputRule FrameRangeSize = new RbInputRule("Rb.FrameRangeTooLarge", "FrameRange",
            "A frame range names at most 100,000 frames.",
            "Check the numbers (a digit too many?), or split the range.");

        public static readonly RbInputRule LogTail = new RbInputRule("Rb.InvalidTail", "Tail",
            "-Tail is 1 or more.",
            "Give the number of last lines to read, or leave -Tail out to read the whole log.");

        /// <summary>The whole table (for help and tests).</summary>
        public static IReadOnlyList<RbInputRule> All { get; } = new[] { TimeRange, PageSize, Id, EmptyKeyword, FrameRange, FrameRangeSize, LogTail };

        /// <summary>Refuses a time window that can match nothing.</summary>
        public static void CheckTimeRange(DateTimeOffset? after, DateTimeOffset? before)
        {
            if (after.HasValue && before.HasValue && after.Value >= before.Value)
                throw TimeRange.Error($"-SubmittedAfter ({Show(after.Value)}) is not earlier than -SubmittedBefore ({Show(before.Value)}): no task can match.",
                    new[] { after.Value, before.Value });
        }

        public static void CheckPageSize(int pageSize, int limit)
        {
            if (pageSize < 1 || pageSize > limit)
                throw PageSize.Error($"The page size {pageSize} is outside 1..{limit}.", pageSize);
        }

        public static void CheckKeyword(string? keyword)
        {
            if (keyword != null && keyword.Trim().Length == 0) throw EmptyKeyword.Error("-Keyword is empty or white space.", keyword);
        }

        /// <summary>Refuses ids that cannot name anything (0 or negative).</summary>
        public static void CheckIds(IEnumerable<long> ids)
        {
            var bad = ids.Where(i => i <= 0).Distinct().ToArray();
            if (bad.Length > 0)
                throw Id.Error($"{string.Join(", ", bad.Select(i => i.ToString(CultureInfo.InvariantCulture)))} {(bad.Length == 1 ? "is not an id" : "are not ids")}: ids are positive.", bad.Length == 1 ? (object)bad[0] : bad);
        }

        private static string Show(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }
}
