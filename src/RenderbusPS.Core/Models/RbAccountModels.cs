using System.Collections.Generic;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>A render cluster the account can use.</summary>
    public sealed class RbPlatform
    {
        [RbKey(RbKind.Platform)]
        public int Platform { get; set; }
        [RbKey(RbKind.Platform)]
        public string? Name { get; set; }
        /// <summary>0 GPU, 1 CPU, 2 still images.</summary>
        public int? Type { get; set; }
        /// <summary>0 not enabled, 1 normal, 2 busy, 3 full.</summary>
        public int? Status { get; set; }
        public string? TaskPrefix { get; set; }
        public bool IsShown { get; set; }
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"Platform {Platform} {Name}";

        internal static RbPlatform FromWire(JsonElement element)
        {
            var w = WireObject.For<RbPlatform>(element);
            var p = new RbPlatform
            {
                Platform = w.Int("platform") ?? 0,
                Name = w.Str("name"),
                Type = w.Int("type"),
                Status = w.Int("status"),
                TaskPrefix = w.Str("taskPrefix"),
                IsShown = w.Flag("isShow"),
            };
            p.Extra = w.Rest();
            return p;
        }
    }

    /// <summary>The account's profile.</summary>
    public sealed class RbUser
    {
        [RbKey(RbKind.User)]
        public long UserId { get; set; }
        [RbKey(RbKind.User)]
        public string? UserName { get; set; }
        [RbKey(RbKind.Platform)]
        public int? Platform { get; set; }
        public int? Zone { get; set; }
        public string? Email { get; set; }
        public string? Company { get; set; }
        public int? AccountType { get; set; }
        public long? MainUserId { get; set; }
        public int? Level { get; set; }
        /// <summary>Balance in the zone's currency (RMB in zone 1, USD in zone 2).</summary>
        public decimal Balance { get; set; }
        public decimal Coupon { get; set; }
        public decimal Credit { get; set; }
        public decimal? CpuPrice { get; set; }
        public decimal? GpuPrice { get; set; }
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{UserName} ({UserId})";

        internal static RbUser FromWire(JsonElement element)
        {
            var w = WireObject.For<RbUser>(element);
            var zone = w.Int("zone");
            var rmb = w.Dec("rmbbalance") ?? 0;
            var usd = w.Dec("usdbalance") ?? 0;
            var u = new RbUser
            {
                UserId = w.Long("userId") ?? 0,
                UserName = w.Str("userName"),
                Platform = w.Int("platform"),
                Zone = zone,
                Email = w.Str("email"),
                Company = w.Str("company"),
                AccountType = w.Int("accountType"),
                MainUserId = w.Long("mainUserId"),
                Level = w.Int("level"),
                Balance = zone == 2 ? usd : rmb,
                Coupon = w.Dec("coupon") ?? 0,
                Credit = w.Dec("credit") ?? 0,
                CpuPrice = w.Dec("cpuPrice"),
                GpuPrice = w.Dec("gpuPrice"),
            };
            u.Extra = w.Rest();
            // the other zone's balance stays reachable
            u.Extra[zone == 2 ? "rmbbalance" : "usdbalance"] = zone == 2 ? rmb : usd;
            return u;
        }
    }
}
