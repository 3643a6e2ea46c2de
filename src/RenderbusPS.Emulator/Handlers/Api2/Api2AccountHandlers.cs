using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>The account (query_customer, with its sub-accounts) and its task-event notifications
    /// (update_customer).</summary>
    internal static class Api2AccountHandlers
    {
        public static void Register(IDictionary<string, Api2Handler> map)
        {
            map["query_customer"] = QueryCustomer;
            map["update_customer"] = UpdateCustomer;
        }

        private static JsonObject QueryCustomer(Api2Request r)
        {
            var s = r.Store;
            var name = r.Text("login_name");
            var names = name == null ? new[] { s.UserName }.Concat(s.SubAccounts) : s.IsAccount(name) ? new[] { name }
                : new string[0];
            var data = new JsonArray(names.Select(n => (JsonNode)User(s, n)).ToArray());
            return new JsonObject { ["total_size"] = data.Count.ToString(CultureInfo.InvariantCulture),
                ["data"] = data };
        }

        private static JsonObject User(EmuStore s, string name)
        {
            var main = name == s.UserName;
            var index = main ? 0 : s.SubAccounts.ToList().IndexOf(name) + 1;
            var balance = main ? (5000.00m - s.FeesSinceStart).ToString("0.00", CultureInfo.InvariantCulture) : "0.00";
            s.Notifications.TryGetValue(name, out var note);
            return new JsonObject
            {
                ["id"] = (s.UserId + index).ToString(CultureInfo.InvariantCulture),
                ["login_name"] = name,
                ["is_student"] = "0",
                ["job"] = "",
                ["role"] = "49",
                ["email"] = name + "@example.invalid",
                ["phone"] = "",
                ["skype"] = "",
                ["ip"] = "127.0.0.1",
                ["source_url"] = "",
                ["country"] = s.Zone == 1 ? "China" : "",
                ["city"] = "",
                ["address"] = "",
                ["company"] = "RenderbusPS emulator",
                ["register_date"] = EmuStore.WallClock(s.Clock.NowMs - 400L * 86_400_000),
                ["login_date"] = EmuStore.WallClock(s.Clock.NowMs),
                ["rmb_balance"] = s.Zone == 1 ? balance : "0.00",
                ["usd_balance"] = s.Zone == 2 ? balance : "0.00",
                ["eur_balance"] = "0.00",
                ["gbp_balance"] = "0.00",
                ["account_type"] = main ? "1" : "2",
                ["zone"] = s.Zone.ToString(CultureInfo.InvariantCulture),
                ["area_id"] = "1",
                ["notification_type"] = (note?.Type ?? 0).ToString(CultureInfo.InvariantCulture),
                ["notification_mode"] = note == null ? "" : note.Mode.ToString(CultureInfo.InvariantCulture),
                ["notification_address"] = note?.Address ?? "",
            };
        }

        private static JsonObject UpdateCustomer(Api2Request r)
        {
            var s = r.Store;
            var name = r.Text("login_name") ?? r.Account;
            var type = r.Int("notification_type") ?? 0;
            var mode = r.Int("notification_mode");
            var address = r.Text("notification_address");
            string? refusal = !s.IsAccount(name) ? $"User '{name}' is not this account or one of its sub-accounts."
                : type != 0 && (mode == null || address == null)
                    ? "notification_mode and notification_address are needed for a notification."
                : null;
            if (refusal == null)
            {
                if (type == 0) s.Notifications.Remove(name);
                else s.Notifications[name] = new EmuNotification { Type = type, Mode = mode!.Value,
                    Address = address! };
            }
            var item = new JsonObject { ["login_name"] = name, ["operate_result"] = refusal == null ? "0" : "1",
                ["description"] = refusal ?? "" };
            return new JsonObject { ["total_size"] = "1", ["data"] = new JsonArray(item) };
        }
    }
}
