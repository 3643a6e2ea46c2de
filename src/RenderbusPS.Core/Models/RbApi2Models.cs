using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// API 2.0's items read into the models REST gives (<see cref="RbTask"/>, <see cref="RbUser"/>): the same objects
    /// out
    /// whichever protocol a session speaks; what the models do not name stays in <c>Extra</c>.
    /// </summary>
    internal static class RbApi2Models
    {
        /// <summary>A query_task item (API2-NOTES §2.2.2). <paramref name="deleted"/> is what the query asked
        /// for.</summary>
        public static RbTask Task(JsonElement item, bool deleted)
        {
            var w = new WireObject(item);
            var word = w.Str("task_status");
            var executing = w.Int("executing") ?? 0;
            var done = w.Int("done") ?? 0;
            var failed = w.Int("failed") ?? 0;
            var waiting = w.Int("waiting") ?? 0;
            var aborted = w.Int("aborted") ?? 0;
            var scene = w.Str("input_scene_path");
            var sceneName = w.Str("scene_name");
            var software = w.Str("cg_soft_name");
            var seconds = w.Long("exetime_count");
            var task = new RbTask
            {
                Id = w.Long("task_id") ?? 0,
                Alias = w.Str("task_alias"),
                Status = RbApi2Words.StatusOf(word, executing),
                StatusIsRead = word != null,
                ProjectName = w.Str("project_name"),
                SceneName = scene ?? sceneName,
                SoftwareId = SoftwareIdOf(software),
                FrameRange = w.Str("frames"),
                DoneFrames = done,
                FailedFrames = failed,
                ExecutingFrames = executing,
                AbortedFrames = aborted,
                TotalFrames = done + failed + executing + waiting + aborted,
                Cost = Money(w.Str("fee")),
                SubmittedAt = RbServiceTime.Parse(w.Str("submit_time")),
                CompletedAt = RbServiceTime.Parse(w.Str("completed_time")),
                RenderDuration = seconds > 0 ? TimeSpan.FromSeconds(seconds.Value) : (TimeSpan?)null,
                Camera = w.Str("camera"),
                LayerName = Blank(w.Str("render_layer")),
                Producer = Blank(w.Str("artist")),
                UserName = w.Str("submit_account"),
                IsDeleted = deleted,
            };
            task.Extra = w.Rest();
            // kept as sent: the status word (Core has no status for some), the software text, the fee with its currency
            task.Extra["task_status"] = word;
            task.Extra["cg_soft_name"] = software;
            task.Extra["fee"] = w.Str("fee");
            if (scene != null && sceneName != null) task.Extra["scene_name"] = sceneName;
            return task;
        }

        /// <summary>A query_customer item (API2-NOTES §2.8).</summary>
        public static RbUser User(JsonElement item)
        {
            var w = new WireObject(item);
            var zone = w.Int("zone");
            var user = new RbUser
            {
                UserId = w.Long("id") ?? 0,
                UserName = w.Str("login_name"),
                Zone = zone,
                Email = Blank(w.Str("email")),
                Company = Blank(w.Str("company")),
                AccountType = w.Int("account_type"),
                Level = w.Int("role"),
                Balance = (zone == 2 ? w.Dec("usd_balance") : w.Dec("rmb_balance")) ?? 0,
            };
            user.Extra = w.Rest();
            return user;
        }

        /// <summary>The software id a name such as "maya 2015" or "V-Ray_standalone" stands for, when Core knows
        /// it.</summary>
        public static int? SoftwareIdOf(string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            var text = Letters(name!);
            foreach (var id in new[] { 2000, 2001, 2004, 2005, 2007, 2008, 2013, 2015, 2016 })
            {
                var known = RbSoftwareIds.NameOf(id);
                if (known != null && text.StartsWith(Letters(known), StringComparison.Ordinal)) return id;
            }
            return null;
        }

        private static string Letters(string text)
            => new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

        /// <summary>"RMB:2.58" (the document's example) or a bare "2.58" as an amount.</summary>
        private static decimal Money(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return 0;
            var amount = text!.Substring(text.IndexOf(':') + 1);
            return decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0;
        }

        private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
