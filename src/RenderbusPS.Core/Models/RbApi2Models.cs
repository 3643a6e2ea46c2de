using System;
using System.Globalization;
using System.Linq;

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
        public static RbTask Task(RbApi2Task item, bool deleted)
        {
            var executing = item.Executing ?? 0;
            var done = item.Done ?? 0;
            var failed = item.Failed ?? 0;
            var task = new RbTask
            {
                Id = item.TaskId ?? 0,
                Alias = item.Alias,
                Status = RbApi2Words.StatusOf(item.Status, executing),
                StatusIsRead = item.Status != null,
                ProjectName = item.ProjectName,
                SceneName = item.ScenePath ?? item.SceneName,
                SoftwareId = SoftwareIdOf(item.Software),
                FrameRange = item.Frames,
                DoneFrames = done,
                FailedFrames = failed,
                ExecutingFrames = executing,
                AbortedFrames = item.Aborted ?? 0,
                TotalFrames = done + failed + executing + (item.Waiting ?? 0) + (item.Aborted ?? 0),
                Cost = Money(item.Fee),
                SubmittedAt = RbServiceTime.Parse(item.SubmitTime),
                CompletedAt = RbServiceTime.Parse(item.CompletedTime),
                RenderDuration = item.Seconds > 0 ? TimeSpan.FromSeconds(item.Seconds.Value) : (TimeSpan?)null,
                Camera = item.Camera,
                LayerName = Blank(item.RenderLayer),
                Producer = Blank(item.Artist),
                UserName = item.SubmitAccount,
                IsDeleted = deleted,
                Extra = item.Extra,
            };
            // kept as sent: the status word (Core has no status for some), the software text, the fee with its currency
            task.Extra["task_status"] = item.Status;
            task.Extra["cg_soft_name"] = item.Software;
            task.Extra["fee"] = item.Fee;
            if (item.ScenePath != null && item.SceneName != null) task.Extra["scene_name"] = item.SceneName;
            return task;
        }

        /// <summary>A query_customer item (API2-NOTES §2.8).</summary>
        public static RbUser User(RbApi2User item)
        {
            var user = new RbUser
            {
                UserId = item.Id ?? 0,
                UserName = item.LoginName,
                Zone = item.Zone,
                Email = Blank(item.Email),
                Company = Blank(item.Company),
                AccountType = item.AccountType,
                Level = item.Role,
                Balance = (item.Zone == 2 ? item.UsdBalance : item.RmbBalance) ?? 0,
                Extra = item.Extra,
            };
            // the zone's currency is Balance; the other currencies' balances stay reachable, as numbers
            if (item.Zone == 2) user.Extra["rmb_balance"] = item.RmbBalance ?? 0;
            else user.Extra["usd_balance"] = item.UsdBalance ?? 0;
            user.Extra["eur_balance"] = item.EurBalance ?? 0;
            user.Extra["gbp_balance"] = item.GbpBalance ?? 0;
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
