using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers
{
    internal static class AccountHandlers
    {
        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.QueryPlatforms] = QueryPlatforms;
            map[RbCatalog.QueryUserProfile] = QueryUserProfile;
            map[RbCatalog.QueryUserSetting] = QueryUserSetting;
            map[RbCatalog.UpdateUserSetting] = UpdateUserSetting;
            map[RbCatalog.GetUserPackNodeInfo] = PackNodes;
            map[RbCatalog.TaskRecord] = TaskRecord;
            map[RbCatalog.LoginRecord] = LoginRecord;
        }

        private static JsonNode QueryPlatforms(EmuRequest r)
        {
            EmuZone.Check(r);
            return new JsonArray(r.Store.Platforms.Select(p => (JsonNode)new JsonObject
            {
                ["platform"] = p.Platform,
                ["name"] = p.Name,
                ["type"] = p.Type,
                ["status"] = p.Status,
                ["taskPrefix"] = p.Prefix,
                ["isShow"] = 1,
            }).ToArray());
        }

        private static JsonNode QueryUserProfile(EmuRequest r)
        {
            var s = r.Store;
            var spent = s.Tasks.SelectMany(t => t.AllFrames()).Sum(f => f.Fee);
            // the official client logs in with this call: it is the account's login record
            EmuAccountLog.Login(s, r.NowMs);
            return new JsonObject
            {
                ["userId"] = s.UserId,
                ["userName"] = s.UserName,
                ["platform"] = s.Platform,
                ["phone"] = "",
                ["email"] = s.UserName + "@example.invalid",
                ["company"] = "RenderbusPS emulator",
                ["name"] = "",
                ["job"] = "",
                ["communicationNumber"] = "",
                ["softType"] = 2000,
                ["softStatus"] = 1,
                ["businessType"] = 1,
                ["status"] = 1,
                ["infoStatus"] = 0,
                ["accountType"] = 1,
                ["userType"] = 1,
                ["mainUserId"] = 0,
                ["level"] = 49,
                ["pictureLever"] = null,
                ["zone"] = s.Zone,
                ["rmbbalance"] = s.Zone == 1 ? s.Balance : 0m,
                ["usdbalance"] = s.Zone == 2 ? s.Balance : 0m,
                ["rmbCumulative"] = s.Zone == 1 ? spent : 0m,
                ["usdCumulative"] = s.Zone == 2 ? spent : 0m,
                ["credit"] = 0,
                ["coupon"] = 49.93m,
                ["description"] = "",
                ["country"] = s.Zone == 1 ? "China" : "",
                ["city"] = "",
                ["address"] = "",
                ["cpuPrice"] = 0.67m,
                ["gpuPrice"] = 20,
                ["shareMainCapital"] = 0,
                ["subDeleteTask"] = 0,
                ["useMainBalance"] = 0,
                ["hideBalance"] = 0,
                ["hideJobCharge"] = 0,
                ["useLevelDirectory"] = 1,
                ["downloadDisable"] = 0,
                ["displaySubaccount"] = 1,
                ["subaccountLimits"] = 5,
                ["houdiniFlag"] = 1,
                ["c4dFlag"] = 1,
                ["blenderFlag"] = 1,
                ["keyshotFlag"] = 0,
                ["studentEndTime"] = null,
            };
        }

        /// <summary>The settings as seed 001 shows them; the time-out both in hours (taskOverTime) and seconds
        /// (taskOverTimeSec).</summary>
        private static JsonNode QueryUserSetting(EmuRequest r)
        {
            var sec = r.Store.TaskOverTimeSec;
            return new JsonObject
            {
                ["infoStatus"] = null,
                ["accountType"] = null,
                ["shareMainCapital"] = 0,
                ["subDeleteTask"] = 0,
                ["useMainBalance"] = 0,
                ["singleNodeRenderFrames"] = "1",
                ["maxIgnoreMapFlag"] = "1",
                ["autoCommit"] = "2",
                ["separateAccountFlag"] = 0,
                ["mifileSwitchFlag"] = 0,
                ["assfileSwitchFlag"] = 0,
                ["manuallyStartAnalysisFlag"] = 0,
                ["downloadDisable"] = 0,
                ["taskOverTime"] = (sec + 3599) / 3600,
                ["taskOverTimeSec"] = sec,
                ["ignoreMapFlag"] = 0,
                ["isVrayLicense"] = 0,
                ["justUploadConfigFlag"] = 0,
                ["justUploadCgFlag"] = 0,
                ["mandatoryAnalyseAllAgent"] = 0,
            };
        }

        /// <summary>Takes taskOverTimeSec (seconds, the current path set) or taskOverTime (hours, v1); tasks created
        /// from now on take it.</summary>
        private static JsonNode? UpdateUserSetting(EmuRequest r)
        {
            long seconds;
            if (r.Has("taskOverTimeSec")) seconds = r.ReqLong("taskOverTimeSec");
            else if (r.Has("taskOverTime")) seconds = r.ReqLong("taskOverTime") * 3600;
            else throw EmuRequest.Missing("taskOverTimeSec");
            if (seconds < 1 || seconds > int.MaxValue) throw new EmuError(
                RbCodes.ParameterInvalid, $"The task time-out {seconds} s must be from 1 second up.");
            r.Store.TaskOverTimeSec = (int)seconds;
            return null;
        }

        private static JsonNode PackNodes(EmuRequest r) => new JsonArray(
            new JsonObject { ["packNodeId"] = 809, ["packName"] = "包机计划1" },
            new JsonObject { ["packNodeId"] = 811, ["packName"] = "pack-nightly-"
                + r.Store.Platform.ToString(CultureInfo.InvariantCulture) });

        /// <summary>The window of a log query (startDate/endDate in the service's time, both optional and
        /// inclusive).</summary>
        private static (long From, long To) Window(EmuRequest r)
        {
            long Parse(string name, long otherwise)
            {
                var text = r.OptStr(name);
                if (string.IsNullOrWhiteSpace(text)) return otherwise;
                var t = RbServiceTime.Parse(text)
                    ?? (DateTime.TryParseExact(
                        text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? new DateTimeOffset(day, RbServiceTime.Offset) : (DateTimeOffset?)null)
                    ?? throw new EmuError(
                        RbCodes.ParameterInvalid, $"{name} '{text}' is not a time such as 2026-01-31 18:00:00.");
                return t.ToUnixTimeMilliseconds();
            }
            // the texts have whole seconds: the end takes in its whole second
            var to = Parse("endDate", long.MaxValue);
            return (Parse("startDate", long.MinValue), to == long.MaxValue ? to : to + 999);
        }

        /// <summary>The operation log, newest first, of the platform asked for (the session's when none is
        /// given).</summary>
        private static JsonNode TaskRecord(EmuRequest r)
        {
            var (from, to) = Window(r);
            var platform = r.OptInt("platform");
            var items = r.Store.OperationLog
                .Where(x => x.TimeMs >= from && x.TimeMs <= to && (!platform.HasValue || x.Platform == platform.Value))
                .Reverse().ToList();
            return r.Page(items, x => EmuAccountLog.ToJson(r.Store, x));
        }

        /// <summary>The login log, newest first.</summary>
        private static JsonNode LoginRecord(EmuRequest r)
        {
            var (from, to) = Window(r);
            var items = r.Store.LoginLog.Where(x => x.TimeMs >= from && x.TimeMs <= to).Reverse().ToList();
            return r.Page(items, x => EmuAccountLog.ToJson(r.Store, x));
        }
    }
}
