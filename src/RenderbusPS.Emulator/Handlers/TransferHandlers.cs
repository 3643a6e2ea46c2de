using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers
{
    /// <summary>
    /// The account's transfer set-up as seed 001 shows it: transfer ids (getBid, with its snake_case names), engines
    /// and lines (getConfig), the RaySync server of the zone (getServerInfo) and the RaySync keys (getRaySyncUserKey).
    /// The bids, engine passwords and keys are derived from the seed, so each emulator has its own and they stay the
    /// same.
    /// </summary>
    internal static class TransferHandlers
    {
        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.GetBid] = GetBid;
            map[RbCatalog.GetTransferConfig] = GetConfig;
            map[RbCatalog.GetServerInfo] = GetServerInfo;
            map[RbCatalog.GetRaySyncUserKey] = GetRaySyncUserKey;
        }

        private static string Bid(EmuStore s, int kind) => (kind * 10000 + s.UserId % 10000)
            .ToString(CultureInfo.InvariantCulture);

        /// <summary>The sub-account the emulated main account has (seed 001 shows one).</summary>
        private static string SubUserId(EmuStore s) => (s.UserId + 7).ToString(CultureInfo.InvariantCulture);

        /// <summary>A secret of this account: hex of a hash over the seed and a purpose.</summary>
        internal static string Secret(EmuStore s, string purpose, int hexChars)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(
                Encoding.UTF8.GetBytes(
                "renderbus-emulator:" + s.SeedValue.ToString(CultureInfo.InvariantCulture) + ":" + purpose));
            var hex = string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            return hex.Substring(0, hexChars);
        }

        private static string Password(EmuStore s, string engine)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(
                sha.ComputeHash(
                Encoding.UTF8.GetBytes(
                "engine-password:" + s.SeedValue.ToString(CultureInfo.InvariantCulture) + ":" + engine)));
        }

        private static JsonNode GetBid(EmuRequest r)
        {
            var s = r.Store;
            return new JsonObject
            {
                ["config_bid"] = Bid(s, 3),
                ["input_bid"] = Bid(s, 1),
                ["output_bid"] = Bid(s, 2),
                ["parent_input_bid"] = Bid(s, 1),
                ["sub_user_output_bids"] = new JsonArray(
                    new JsonObject { ["userId"] = SubUserId(s), ["outputBid"] = Bid(s, 4) }),
            };
        }

        private static JsonObject Line(string name, string port, int lineId, int? type)
        {
            var line = new JsonObject { ["name"] = name, ["server"] = "127.0.0.1", ["port"] = port, ["isDefault"] = 1,
                ["lineId"] = lineId };
            if (type.HasValue) line["type"] = type.Value;
            return line;
        }

        private static JsonNode GetConfig(EmuRequest r)
        {
            var s = r.Store;
            JsonNode Account(int kind, string engine) =>
                new JsonObject { ["bid"] = Bid(s, kind), ["name"] = Bid(s, kind), ["password"] = Password(s, engine) };
            return new JsonObject
            {
                ["inputBid"] = Bid(s, 1),
                ["outputBid"] = Bid(s, 2),
                ["configBid"] = Bid(s, 3),
                ["parentInputBid"] = null,
                ["resqEngines"] = new JsonArray(
                    new JsonObject
                    {
                        ["resqEngineAccounts"] = new JsonArray(Account(2, "trtt")),
                        ["respTaskEngineLines"] = new JsonArray(Line("Aspera_main", "10221", 123, 1)),
                        ["engineName"] = "trtt", ["automaticCheck"] = 1, ["checkServer"] = "127.0.0.1",
                            ["checkPort"] = "8888",
                        ["checkEnable"] = "1", ["checkExcludType"] = "88", ["isDefault"] = 0,
                    },
                    new JsonObject
                    {
                        ["resqEngineAccounts"] = null,
                        ["respTaskEngineLines"] = new JsonArray(
                            Line("raysync_main", "10200", 121, null), Line("raysync_backup", "10201", 125, 0)),
                        ["engineName"] = "RaySync", ["automaticCheck"] = 0, ["checkServer"] = "127.0.0.1",
                            ["checkPort"] = "10100",
                        ["checkEnable"] = "0", ["checkExcludType"] = "tx", ["isDefault"] = 1,
                    },
                    new JsonObject
                    {
                        ["resqEngineAccounts"] = new JsonArray(Account(3, "Aspera")),
                        ["respTaskEngineLines"] = new JsonArray(Line("Aspera_main", "10221", 123, null)),
                        ["engineName"] = "Aspera", ["automaticCheck"] = 0, ["checkServer"] = "127.0.0.1",
                            ["checkPort"] = "8888",
                        ["checkEnable"] = "0", ["checkExcludType"] = "tx", ["isDefault"] = 0,
                    }),
                ["subUserOutputBids"] = new JsonArray(
                    new JsonObject { ["userId"] = SubUserId(s), ["outputBid"] = Bid(s, 4) }),
            };
        }

        /// <summary>The RaySync server of the account's zone; a zone that is not the account's is treated as
        /// queryPlatforms treats it (608 only with -StrictZone).</summary>
        private static JsonNode GetServerInfo(EmuRequest r)
        {
            // as queryPlatforms: a zone-guessing client is answered for the emulator's own zone unless it runs
            // -StrictZone
            EmuZone.Check(r);
            return new JsonObject
            {
                ["clientVersion"] = "3.2.8.2",
                ["protocolVersion"] = "3.2.8.2",
                ["raysyncTransfer"] = new JsonObject
                {
                    ["serverIp"] = "127.0.0.1",
                    ["serverPort"] = 2121,
                    ["proxyIp"] = "127.0.0.1",
                    ["proxyPort"] = 32001,
                    ["sslPort"] = 2443,
                    ["port"] = r.Store.Zone == 1 ? 2442 : 2542,
                },
            };
        }

        private static JsonNode GetRaySyncUserKey(EmuRequest r)
        {
            var s = r.Store;
            return new JsonObject
            {
                ["channel"] = 4,
                ["platform"] = s.Platform,
                ["signature"] = "rayvision2017",
                ["version"] = "1.0.0",
                ["userKey"] = Secret(s, "userKey", 32),
                ["id"] = s.UserId,
                ["userName"] = s.UserName,
                ["zone"] = s.Zone,
                ["phone"] = "",
                ["email"] = s.UserName + "@example.invalid",
                ["loginTime"] = s.LoginLog.Count > 0 ? s.LoginLog[s.LoginLog.Count - 1].TimeMs : r.NowMs,
                ["infoStatus"] = 0,
                ["accountType"] = 1,
                ["shareMainCapital"] = 0,
                ["subDeleteTask"] = 0,
                ["subDeleteCapital"] = 1,
                ["useMainBalance"] = 0,
                ["downloadDisable"] = 0,
                ["raySyncUserKey"] = Secret(s, "raySyncUserKey", 40),
            };
        }
    }
}
