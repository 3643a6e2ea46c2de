using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RenderbusPS.Core.Models
{
    /// <summary>A render cluster the account can use.</summary>
    public sealed class RbPlatform
    {
        [RbKey(RbKind.Platform)]
        [JsonPropertyName("platform")]
        public int Platform { get; set; }
        [RbKey(RbKind.Platform)]
        [JsonPropertyName("name")]
        public string? Name { get; set; }
        /// <summary>0 GPU, 1 CPU, 2 still images.</summary>
        [JsonPropertyName("type")]
        public int? Type { get; set; }
        /// <summary>0 not enabled, 1 normal, 2 busy, 3 full.</summary>
        [JsonPropertyName("status")]
        public int? Status { get; set; }
        [JsonPropertyName("taskPrefix")]
        public string? TaskPrefix { get; set; }
        [JsonPropertyName("isShow")]
        public bool IsShown { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"Platform {Platform} {Name}";
    }

    /// <summary>The account's profile.</summary>
    public sealed class RbUser : IJsonOnDeserialized
    {
        [RbKey(RbKind.User)]
        [JsonPropertyName("userId")]
        public long UserId { get; set; }
        [RbKey(RbKind.User)]
        [JsonPropertyName("userName")]
        public string? UserName { get; set; }
        [RbKey(RbKind.Platform)]
        [JsonPropertyName("platform")]
        public int? Platform { get; set; }
        [JsonPropertyName("zone")]
        public int? Zone { get; set; }
        [JsonPropertyName("email")]
        public string? Email { get; set; }
        [JsonPropertyName("company")]
        public string? Company { get; set; }
        [JsonPropertyName("accountType")]
        public int? AccountType { get; set; }
        [JsonPropertyName("mainUserId")]
        public long? MainUserId { get; set; }
        [JsonPropertyName("level")]
        public int? Level { get; set; }
        /// <summary>Balance in the zone's currency (RMB in zone 1, USD in zone 2).</summary>
        [JsonIgnore]
        public decimal Balance { get; set; }
        [JsonPropertyName("coupon")]
        public decimal Coupon { get; set; }
        [JsonPropertyName("credit")]
        public decimal Credit { get; set; }
        [JsonPropertyName("cpuPrice")]
        public decimal? CpuPrice { get; set; }
        [JsonPropertyName("gpuPrice")]
        public decimal? GpuPrice { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{UserName} ({UserId})";

        [JsonInclude, JsonPropertyName("rmbbalance")]
        internal decimal? RmbBalance { get; set; }

        [JsonInclude, JsonPropertyName("usdbalance")]
        internal decimal? UsdBalance { get; set; }

        void IJsonOnDeserialized.OnDeserialized()
        {
            Balance = (Zone == 2 ? UsdBalance : RmbBalance) ?? 0;
            // the other zone's balance stays reachable
            Extra[Zone == 2 ? "rmbbalance" : "usdbalance"] = (Zone == 2 ? RmbBalance : UsdBalance) ?? 0;
        }
    }
}
