using System;
using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// API 2.0's words for Core's enums: the one table both the client and the emulator read. A status word stands
    /// for the statuses of its row; a status reads back as the word of the first row that holds it.
    /// </summary>
    internal static class RbApi2Words
    {
        private static readonly (string Word, RbTaskStatus[] Statuses)[] Tasks =
        {
            ("Start", new[] { RbTaskStatus.Rendering, RbTaskStatus.Waiting, RbTaskStatus.Updating }),
            ("executing", new[] { RbTaskStatus.Rendering }),
            ("Preprocessing", new[] { RbTaskStatus.Preprocessing }),
            ("Analysing", new[] { RbTaskStatus.Analysing, RbTaskStatus.Submitting }),
            ("Analysed", Array.Empty<RbTaskStatus>()),
            ("AnalyseFailed", Array.Empty<RbTaskStatus>()),
            ("SubFailed", new[] { RbTaskStatus.SubmitFailed }),
            // REST's stopTask leaves 10; both read as stopped by the user
            ("User_Stop", new[] { RbTaskStatus.Stopped, RbTaskStatus.UserStopped }),
            ("Stopped", new[] { RbTaskStatus.ArrearsStopped, RbTaskStatus.TimeoutStopped, RbTaskStatus.Abandoned }),
            ("System_Done", new[] { RbTaskStatus.Finished, RbTaskStatus.FinishedWithFailedFrames,
                RbTaskStatus.FinishedWithStoppedFrames, RbTaskStatus.TestFinished }),
            ("Failed", new[] { RbTaskStatus.Failed }),
        };

        /// <summary>restart_type 0..4: the frames operate_task restarts.</summary>
        private static readonly RbFrameStatus[] RestartTypes =
            { RbFrameStatus.Failed, RbFrameStatus.Stopped, RbFrameStatus.Finished, RbFrameStatus.Rendering,
              RbFrameStatus.Waiting };

        /// <summary>The eleven status words of the document, in its order.</summary>
        public static IReadOnlyList<string> TaskWords { get; } = Tasks.Select(t => t.Word).ToArray();

        /// <summary>The word a status is answered as.</summary>
        public static string WordOf(RbTaskStatus status)
        {
            foreach (var row in Tasks)
            {
                if (Array.IndexOf(row.Statuses, status) >= 0) return row.Word;
            }
            return "Start";
        }

        /// <summary>The statuses a word filters on (empty for a word no status reads as); null for no such
        /// word.</summary>
        public static IReadOnlyList<RbTaskStatus>? StatusesOf(string? word)
        {
            foreach (var row in Tasks)
            {
                if (string.Equals(row.Word, word, StringComparison.Ordinal)) return row.Statuses;
            }
            return null;
        }

        /// <summary>
        /// The status a task answered with this word has: <c>Start</c> is rendering while frames run and waiting while
        /// none does; a word Core has no status for reads as Waiting, with the word kept by the caller.
        /// </summary>
        public static RbTaskStatus StatusOf(string? word, int executingFrames)
        {
            if (word == "Start") return executingFrames > 0 ? RbTaskStatus.Rendering : RbTaskStatus.Waiting;
            if (word == "AnalyseFailed") return RbTaskStatus.SubmitFailed;
            if (word == "Analysed") return RbTaskStatus.Analysing;
            var statuses = StatusesOf(word);
            return statuses != null && statuses.Count > 0 ? statuses[0] : RbTaskStatus.Waiting;
        }

        /// <summary>The words a set of statuses is asked as (one query each).</summary>
        public static IReadOnlyList<string> WordsFor(IEnumerable<RbTaskStatus> statuses)
            => statuses.Select(WordOf).Distinct().ToList();

        /// <summary>The frame status a restart_type restarts, or null outside 0..4.</summary>
        public static RbFrameStatus? RestartStatus(int restartType)
            => restartType >= 0 && restartType < RestartTypes.Length ? RestartTypes[restartType] : (RbFrameStatus?)null;

        /// <summary>The restart_type of a frame status, or null when API 2.0 has none for it.</summary>
        public static int? RestartType(RbFrameStatus status)
        {
            var i = Array.IndexOf(RestartTypes, status);
            return i < 0 ? (int?)null : i;
        }

        /// <summary>A frame's <c>job_status</c>: only <c>Done</c> is in the document; the others are this
        /// table's.</summary>
        public static string JobWord(RbFrameStatus status) => status switch
        {
            RbFrameStatus.Finished => "Done",
            RbFrameStatus.Rendering => "Start",
            RbFrameStatus.Failed => "Failed",
            RbFrameStatus.Stopped => "Stop",
            RbFrameStatus.TimedOut => "Timeout",
            _ => "Wait",
        };

        public static RbFrameStatus JobStatus(string? word) => word switch
        {
            "Done" => RbFrameStatus.Finished,
            "Start" => RbFrameStatus.Rendering,
            "Failed" => RbFrameStatus.Failed,
            "Stop" => RbFrameStatus.Stopped,
            "Timeout" => RbFrameStatus.TimedOut,
            _ => RbFrameStatus.Waiting,
        };

        /// <summary>render_os: <c>Windows</c> or <c>Linux</c> (REST numbers them the other way round).</summary>
        public static string OsWord(RbOperatingSystem os) => os == RbOperatingSystem.Windows ? "Windows" : "Linux";
    }
}
