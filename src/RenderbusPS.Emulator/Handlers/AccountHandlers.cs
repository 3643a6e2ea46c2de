using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Emulator.Handlers
{
    internal static class AccountHandlers
    {
        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.QueryPlatforms] = QueryPlatforms;
            map[RbCatalog.QueryUserProfile] = QueryUserProfile;
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
                ["rmbbalance"] = s.Zone == 1 ? 5000.00m - s.FeesSinceStart : 0m,
                ["usdbalance"] = s.Zone == 2 ? 800.00m - s.FeesSinceStart : 0m,
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
    }
}
