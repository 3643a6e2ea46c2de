using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core
{
    /// <summary>One rule bad input breaks: its stable error id, the parameter it names, what is wrong and what to
    /// do.</summary>
    internal sealed class RbInputRule
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
    internal static class RbInputRules
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

        public static readonly RbInputRule TaskCount = new RbInputRule("Rb.InvalidTaskCount", "Count",
            "-Count must be from 1 to 100 task ids at a time.",
            "Give a count from 1 to 100; call New-RbTask again for more.");

        public static readonly RbInputRule TaskFileName = new RbInputRule("Rb.InvalidTaskFileName", "FileName",
            "A task file is task.json, upload.json, asset.json or tips.json.",
            "Give -FileName task.json, upload.json, asset.json or tips.json (a -Path with one of those names sets it itself).");

        public static readonly RbInputRule TaskFileJson = new RbInputRule("Rb.InvalidTaskFileJson", "Content",
            "A task file's content is one JSON object.",
            "Fix the JSON at the position the message names (the analysis tool writes valid files; check hand edits), then send it again.");

        public static readonly RbInputRule TaskFileMissing = new RbInputRule("Rb.TaskFileNotFound", "Path",
            "-Path names an existing file.",
            "Check the path; the analysis writes task.json, upload.json, asset.json and tips.json into its output folder.");

        public static readonly RbInputRule ErrorCode = new RbInputRule("Rb.InvalidErrorCode", "Code",
            "Error codes are whole numbers such as 15000.",
            "Give the code as Get-RbTask shows it in ErrorCode, or pipe the task in.");

        public static readonly RbInputRule OutputPath = new RbInputRule("Rb.InvalidOutputPath", "Path",
            "An output path is a folder path from the storage root, such as / or /19097_forest/beauty, without '..'.",
            "Give a path as Get-RbOutputFile shows it in Path.");


        public static readonly RbInputRule WaitTimeout = new RbInputRule("Rb.InvalidTimeout", "Timeout",
            "-Timeout must be zero or more.",
            "Give a time-out of zero or more, or leave it out to wait as long as it takes.");

        /// <summary>The shortest time between two polls of a wait: the farm is not asked more than twice a
        /// second.</summary>
        public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(500);

        public static readonly RbInputRule PollInterval = new RbInputRule("Rb.InvalidPollInterval", "PollInterval",
            "-PollInterval must be half a second or more.",
            "Poll at most twice a second (-PollInterval 0.5 seconds or more); 5 seconds or more is kind to the farm.");

        /// <summary>Refuses a wait that cannot be done politely: a negative time-out, or polls more than twice a
        /// second.</summary>
        public static void CheckWait(TimeSpan? timeout, TimeSpan pollInterval)
        {
            if (timeout.HasValue && timeout.Value < TimeSpan.Zero) throw WaitTimeout.Error(
                $"The time-out {timeout.Value} is negative.", timeout.Value);
            if (pollInterval < MinPollInterval) throw PollInterval.Error(
                $"The poll interval {pollInterval} is shorter than half a second.", pollInterval);
        }

        /// <summary>Requests in flight at once when nothing else is said.</summary>
        public const int DefaultThrottleLimit = 4;

        /// <summary>The most requests in flight a session or a cmdlet may ask for: more only crowds the
        /// service.</summary>
        public const int MaxThrottleLimit = 32;

        public static readonly RbInputRule ThrottleLimit = new RbInputRule("Rb.InvalidThrottleLimit", "ThrottleLimit",
            "-ThrottleLimit must be from 1 (one request at a time) to 32.",
            "Give -ThrottleLimit from 1 to 32, or leave it out for the session's default (4 unless Connect-Renderbus -ThrottleLimit said otherwise).");

        public static void CheckThrottleLimit(int limit)
        {
            if (limit < 1 || limit > MaxThrottleLimit)
                throw ThrottleLimit.Error($"The throttle limit {limit} is outside 1..{MaxThrottleLimit}.", limit);
        }

        /// <summary>The whole table (for help and tests): every rule declared above.</summary>
        /// (Read when asked, not at type initialization, so that a rule declared below this line is not missed.)
        public static IReadOnlyList<RbInputRule> All => typeof(RbInputRules).GetFields(
            System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(RbInputRule))
            .Select(f => (RbInputRule)f.GetValue(null)!)
            .ToArray();

        public static readonly RbInputRule Priority = new RbInputRule("Rb.InvalidPriority", "Priority",
            "-Priority is a task user level the service offers: 50 (normal, the default) or 60 (raised).",
            "Give -Priority 50 or -Priority 60.");

        public static readonly RbInputRule TaskTimeout = new RbInputRule("Rb.InvalidTaskTimeout", "TaskTimeout",
            "-TaskTimeout is a whole number of seconds from 1 second to 68 years.",
            "Give a positive time span such as 43200 (seconds), (New-TimeSpan -Hours 12) or '12:00:00'.");

        public static readonly RbInputRule LogTimeRange = new RbInputRule("Rb.InvalidLogTimeRange", "After",
            "-After must be earlier than -Before.",
            "Swap the two times, or leave one out (the window then reaches 30 days back from -Before, or up to now from -After).");

        public static readonly RbInputRule TimeoutStop = new RbInputRule("Rb.InvalidTimeoutStop", "TimeoutStop",
            "-TimeoutStop is a whole number of seconds from 1 second to 68 years.",
            "Give a positive time span such as (New-TimeSpan -Hours 2) or '02:00:00'.");

        public static readonly RbInputRule MachineLimit = new RbInputRule("Rb.InvalidMachineLimit", "MachineLimit",
            "-MachineLimit is how many render nodes the task may use at once: 1 or more.",
            "Give a positive number of nodes, or use -FullSpeed to render on as many nodes as the farm gives.");

        public static readonly RbInputRule LabelName = new RbInputRule("Rb.InvalidLabelName", "Name",
            "A label name is text of at most 64 characters, with no control characters.",
            "Give the label as text, for example -Name lookdev.");

        public static readonly RbInputRule HardwareConfig = new RbInputRule(
            "Rb.UnknownHardwareConfig", "HardwareConfig",
            "-HardwareConfig is the id of an enabled hardware configuration of this platform (hardwareConfig/list).",
            "Give an id the platform lists as enabled, for example 301 (Default, 64GB).");

        public static readonly RbInputRule NoSetting = new RbInputRule("Rb.NoSetting", "Id",
            "Set-RbTask needs at least one setting to change.",
            "Add -Priority, -TimeoutStop, -MachineLimit, -FullSpeed or -HardwareConfig.");

        public static readonly RbInputRule ProjectName = new RbInputRule("Rb.InvalidProjectName", "Name",
            "A project name is text of at most 50 characters, with no control characters.",
            "Give the project's name as text, for example -Name feature_ep01.");

        public static readonly RbInputRule RenderEnvName = new RbInputRule("Rb.EmptyRenderEnvName", "Name",
            "A render environment's name is text of at most 64 characters, with no control characters.",
            "Give -Name, e.g. 'maya2022-arnold'.");

        /// <summary>The name trimmed, or the rule's error (see <see cref="CheckText"/>).</summary>
        public static string CheckRenderEnvName(string? name) => CheckText(
            RenderEnvName, "The render environment's name", name, 64);

        /// <summary>
        /// A name or label as the service keeps it: trimmed, not blank, no control characters (line breaks, tabs, NUL),
        /// at most <paramref name="max"/> characters. Every name and label of the module goes through here.
        /// </summary>
        public static string CheckText(RbInputRule rule, string what, string? text, int max)
        {
            var t = (text ?? "").Trim();
            if (t.Length == 0) throw rule.Error($"{what} is empty or white space.", text);
            var shown = t.Length > 40 ? t.Substring(0, 40) + "..." : t;
            shown = new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
            if (t.Any(char.IsControl)) throw rule.Error(
                $"{what} '{shown}' holds a control character (a line break, tab or NUL; shown as ?).", text);
            if (t.Length > max) throw rule.Error(
                $"{what} '{shown}' is {t.Length} characters long; at most {max} are allowed.", text);
            return t;
        }

        public static readonly RbInputRule NoRenderEnvChange = new RbInputRule("Rb.NoRenderEnvChange", "Name",
            "Set-RbRenderEnv needs at least one thing to change.",
            "Add -Version, -OS, -Plugin, -PluginId, -RenderLayerType, -ProjectPath or -Default.");

        /// <summary>The name trimmed, or the rule's error when it is blank or too long.</summary>
        public static string CheckProjectName(string? name) => CheckText(ProjectName, "The project name", name, 50);

        /// <summary>The task user levels updateTaskUserLevel takes (the same as createTask's taskUserLevel).</summary>
        public static readonly IReadOnlyList<int> Priorities = new[] { 50, 60 };

        public static void CheckPriority(int priority)
        {
            if (!Priorities.Contains(priority)) throw Priority.Error(
                $"-Priority {priority} is not a task user level; the service takes 50 or 60.", priority);
        }

        /// <summary>The time-out as whole seconds (the wire's <c>overTime</c>).</summary>
        public static int CheckTimeoutStop(TimeSpan timeout)
        {
            var seconds = timeout.TotalSeconds;
            if (seconds < 1 || seconds > int.MaxValue || Math.Abs(seconds - Math.Round(seconds)) > 1e-9)
                throw TimeoutStop.Error(
                    $"-TimeoutStop {timeout} is not a whole number of seconds from 1 second up.", timeout);
            return (int)Math.Round(seconds);
        }

        /// <summary>The account's default task time-out in whole seconds (updateUserSetting's
        /// taskOverTimeSec).</summary>
        public static int CheckTaskTimeout(TimeSpan timeout)
        {
            var seconds = timeout.TotalSeconds;
            if (seconds < 1 || seconds > int.MaxValue || Math.Abs(seconds - Math.Round(seconds)) > 1e-9)
                throw TaskTimeout.Error(
                    $"-TaskTimeout {timeout} is not a whole number of seconds from 1 second up.", timeout);
            return (int)Math.Round(seconds);
        }

        /// <summary>Refuses a log window that can match nothing.</summary>
        public static void CheckLogTimeRange(DateTimeOffset after, DateTimeOffset before)
        {
            if (after >= before)
                throw LogTimeRange.Error(
                    $"-After ({Show(after)}) is not earlier than -Before ({Show(before)}): no record can match.",
                    new[] { after, before });
        }

        public static void CheckMachineLimit(int limit)
        {
            if (limit < 1) throw MachineLimit.Error(
                $"-MachineLimit {limit} is not a number of nodes: give 1 or more.", limit);
        }

        public static string CheckLabelName(string? name) => CheckText(LabelName, "A label name", name, 64);

        public static readonly RbInputRule FrameRange = new RbInputRule("Rb.InvalidFrameRange", "FrameRange",
            "A frame range is N, A-B or A-B[S] separated by commas (frames 0 or more, A not above B, step 1 or more).",
            "Write the range as in 1,20-30[2],494.");

        public static readonly RbInputRule FrameRangeSize = new RbInputRule("Rb.FrameRangeTooLarge", "FrameRange",
            "A frame range names at most 100,000 frames.",
            "Check the numbers (a digit too many?), or split the range.");

        public static readonly RbInputRule LogTail = new RbInputRule("Rb.InvalidTail", "Tail",
            "-Tail is 1 or more.",
            "Give the number of last lines to read, or leave -Tail out to read the whole log.");


        /// <summary>Refuses a time window that can match nothing.</summary>
        public static void CheckTimeRange(DateTimeOffset? after, DateTimeOffset? before)
        {
            if (after.HasValue && before.HasValue && after.Value >= before.Value)
                throw TimeRange.Error(
                    $"-SubmittedAfter ({Show(after.Value)}) is not earlier than -SubmittedBefore ({Show(before.Value)}): no task can match.",
                    new[] { after.Value, before.Value });
        }

        public static void CheckPageSize(int pageSize, int limit)
        {
            if (pageSize < 1 || pageSize > limit)
                throw PageSize.Error($"The page size {pageSize} is outside 1..{limit}.", pageSize);
        }

        public static void CheckKeyword(string? keyword)
        {
            if (keyword != null && keyword.Trim().Length == 0) throw EmptyKeyword.Error(
                "-Keyword is empty or white space.", keyword);
            if (keyword != null) CheckText(Keyword, "-Keyword", keyword, MaxKeyword);
        }

        /// <summary>The longest -Keyword sent: the documents give none, and a scene name or id is far
        /// shorter.</summary>
        public const int MaxKeyword = 255;

        public static readonly RbInputRule Keyword = new RbInputRule("Rb.InvalidKeyword", "Keyword",
            "-Keyword is part of a scene name or task id: at most 255 characters, with no control characters.",
            "Give a shorter part of the name.");

        public static readonly RbInputRule SoftwareName = new RbInputRule("Rb.UnknownSoftware", "Software",
            "-Software is the name or id of a software the farm supports (Get-RbSoftware).",
            "Give a name such as Maya or an id such as 2000.");

        public static readonly RbInputRule ConflictingSettings = new RbInputRule("Rb.ConflictingSettings", "FullSpeed",
            "-FullSpeed renders on as many nodes as the farm gives; -MachineLimit caps the nodes. They contradict each other.",
            "Give one of them: -MachineLimit to cap the nodes, or -FullSpeed to lift the cap.");

        /// <summary>Refuses ids that cannot name anything (0 or negative).</summary>
        public static void CheckIds(IEnumerable<long> ids)
        {
            var bad = ids.Where(i => i <= 0).Distinct().ToArray();
            if (bad.Length > 0)
                throw Id.Error(
                    $"{string.Join(", ", bad.Select(i => i.ToString(CultureInfo.InvariantCulture)))} {(bad.Length == 1 ? "is not an id" : "are not ids")}: ids are positive.", bad.Length == 1 ? (object)bad[0] : bad);
        }

        public static readonly RbInputRule ApiPath = new RbInputRule("Rb.InvalidApiPath", "Path",
            "-Path is an API path such as /api/render/common/queryPlatforms: it starts with '/', and holds only letters, digits and / _ - . (no host, query or spaces).",
            "Give the path only; the session supplies the domain, signature and headers.");

        public static readonly RbInputRule ApiBody = new RbInputRule("Rb.InvalidApiBody", "Body",
            "-Body holds string keys with strings, whole numbers, nested hashtables and arrays of those (the official client sends no JSON booleans, nulls or fractions).",
            "Send 1/0 or the string the operation documents (for example cloneTask = 'false') instead of $true/$false, leave an absent field out instead of $null, and send fractions as strings.");

        /// <summary>Refuses a raw API path that is not a plain absolute path.</summary>
        public static string CheckApiPath(string? path)
        {
            var p = path?.Trim() ?? "";
            var ok = p.Length > 1 && p.Length <= 512 && p[0] == '/' && !p.Contains("//") && !p.Split('/')
                .Any(s => s == "." || s == "..")
                && p.All(
                    c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/'
                    || c == '_' || c == '-' || c == '.');
            if (!ok) throw ApiPath.Error($"'{path}' is not an API path.", path);
            return p;
        }

        public static readonly RbInputRule CostLimit = new RbInputRule("Rb.InvalidCostLimit", "CostLimit",
            "-CostLimit is an amount of 0 or more, in the account's currency.",
            "Give the most one task may cost, such as 50 or 12.5 (Get-RbTask shows what tasks cost so far in Cost).");

        /// <summary>Refuses a spend limit below 0 (Wait-RbTask -CostLimit).</summary>
        public static void CheckCostLimit(decimal limit)
        {
            if (limit < 0)
                throw CostLimit.Error($"-CostLimit {limit.ToString(CultureInfo.InvariantCulture)} is below 0.", limit);
        }

        private static string Show(DateTimeOffset t) => t.ToString(
            "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }
}
