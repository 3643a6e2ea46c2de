using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// Where and how the account's files travel (<c>getBid</c> + <c>getConfig</c>): the transfer ids (bids) of its
    /// input, output and config storage, and the transfer engines with their lines. Engine passwords are SecureStrings.
    /// </summary>
    public sealed class RbTransferConfig
    {
        /// <summary>Transfer id of the asset (input) storage (<c>input_bid</c> / <c>inputBid</c>).</summary>
        [JsonPropertyName("inputBid")]
        public string? InputBid { get; set; }
        /// <summary>Transfer id of the render output storage (<c>output_bid</c> / <c>outputBid</c>).</summary>
        [JsonPropertyName("outputBid")]
        public string? OutputBid { get; set; }
        /// <summary>Transfer id of the task configuration files (<c>config_bid</c> / <c>configBid</c>).</summary>
        [JsonPropertyName("configBid")]
        public string? ConfigBid { get; set; }
        /// <summary>The main account's input transfer id, for a sub-account (<c>parent_input_bid</c>).</summary>
        [JsonPropertyName("parentInputBid")]
        public string? ParentInputBid { get; set; }
        /// <summary>Output transfer ids of the sub-accounts (only a main account has them).</summary>
        [JsonPropertyName("subUserOutputBids")]
        public IReadOnlyList<RbSubUserBid> SubUserOutputBids { get; set; } = Array.Empty<RbSubUserBid>();
        /// <summary>The transfer engines (Aspera, RaySync, ...), each with its lines.</summary>
        [JsonPropertyName("resqEngines")]
        public IReadOnlyList<RbTransferEngine> Engines { get; set; } = Array.Empty<RbTransferEngine>();
        /// <summary>The engine marked default, if any.</summary>
        public RbTransferEngine? DefaultEngine => Engines.FirstOrDefault(e => e.IsDefault);
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"Transfer input {InputBid} output {OutputBid} config {ConfigBid}";
    }

    /// <summary>getBid's answer: the transfer ids, in its own names (RbTransferConfig has getConfig's).</summary>
    internal sealed class RbTransferBids
    {
        [JsonPropertyName("input_bid")]
        public string? InputBid { get; set; }
        [JsonPropertyName("output_bid")]
        public string? OutputBid { get; set; }
        [JsonPropertyName("config_bid")]
        public string? ConfigBid { get; set; }
        [JsonPropertyName("parent_input_bid")]
        public string? ParentInputBid { get; set; }
        [JsonPropertyName("sub_user_output_bids")]
        public IReadOnlyList<RbSubUserBid> SubUserOutputBids { get; set; } = Array.Empty<RbSubUserBid>();
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>A sub-account's output transfer id.</summary>
    public sealed class RbSubUserBid : IJsonOnDeserialized
    {
        [JsonPropertyName("userId")]
        public long? UserId { get; set; }
        [JsonPropertyName("outputBid")]
        public string? OutputBid { get; set; }

        public override string ToString() => $"{UserId} {OutputBid}";

        /// <summary>getBid's table says output_bid (its example and getConfig say outputBid).</summary>
        [JsonInclude, JsonPropertyName("output_bid")]
        internal string? SnakeOutputBid { get; set; }

        void IJsonOnDeserialized.OnDeserialized() => OutputBid ??= SnakeOutputBid;
    }

    /// <summary>A transfer engine (<c>resqEngines</c>): Aspera, RaySync, ...</summary>
    public sealed class RbTransferEngine
    {
        [JsonPropertyName("engineName")]
        public string? Name { get; set; }
        [JsonPropertyName("isDefault")]
        public bool IsDefault { get; set; }
        /// <summary>The client checks the lines and switches to a working one by itself (<c>automaticCheck</c>
        /// 1).</summary>
        [JsonPropertyName("automaticCheck")]
        public bool AutomaticCheck { get; set; }
        [JsonPropertyName("checkServer")]
        public string? CheckServer { get; set; }
        [JsonPropertyName("checkPort")]
        public string? CheckPort { get; set; }
        [JsonPropertyName("checkEnable")]
        public bool CheckEnabled { get; set; }
        /// <summary>File types the check leaves out (<c>checkExcludType</c>, comma-separated).</summary>
        [JsonPropertyName("checkExcludType")]
        public string? CheckExcludeTypes { get; set; }
        [JsonPropertyName("respTaskEngineLines")]
        public IReadOnlyList<RbTransferLine> Lines { get; set; } = Array.Empty<RbTransferLine>();
        /// <summary>The engine's accounts (<c>resqEngineAccounts</c>); their passwords are SecureStrings.</summary>
        [JsonPropertyName("resqEngineAccounts")]
        public IReadOnlyList<RbTransferAccount> Accounts { get; set; } = Array.Empty<RbTransferAccount>();
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Name} ({Lines.Count} lines)";
    }

    /// <summary>A line (server and port) of a transfer engine (<c>respTaskEngineLines</c>).</summary>
    public sealed class RbTransferLine
    {
        [JsonPropertyName("lineId")]
        public long? LineId { get; set; }
        [JsonPropertyName("name")]
        public string? Name { get; set; }
        [JsonPropertyName("server")]
        public string? Server { get; set; }
        [JsonPropertyName("port")]
        public int? Port { get; set; }
        [JsonPropertyName("isDefault")]
        public bool IsDefault { get; set; }
        /// <summary>1 dedicated line, 0 general line.</summary>
        [JsonPropertyName("type")]
        public int? Type { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"{Name} {Server}:{Port}";
    }

    /// <summary>An account of a transfer engine (<c>resqEngineAccounts</c>). The password is a secret and only a
    /// SecureString.</summary>
    public sealed class RbTransferAccount
    {
        [JsonPropertyName("bid")]
        public string? Bid { get; set; }
        [JsonPropertyName("name")]
        public string? Name { get; set; }
        /// <summary>The engine password (read it with [System.Net.NetworkCredential]::new('',
        /// $account.Password).Password).</summary>
        [JsonPropertyName("password")]
        public SecureString? Password { get; set; }

        public override string ToString() => $"{Name} (bid {Bid})";
    }

    /// <summary>The RaySync transfer server of the session's zone (<c>getServerInfo</c>).</summary>
    public sealed class RbTransferServer : IJsonOnDeserialized
    {
        [JsonPropertyName("clientVersion")]
        public string? ClientVersion { get; set; }
        [JsonPropertyName("protocolVersion")]
        public string? ProtocolVersion { get; set; }
        [JsonIgnore]
        public string? ServerIp { get; set; }
        [JsonIgnore]
        public int? ServerPort { get; set; }
        [JsonIgnore]
        public string? ProxyIp { get; set; }
        [JsonIgnore]
        public int? ProxyPort { get; set; }
        [JsonIgnore]
        public int? SslPort { get; set; }
        [JsonIgnore]
        public int? Port { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"RaySync {ServerIp}:{Port} (client {ClientVersion})";

        [JsonInclude, JsonPropertyName("raysyncTransfer"), JsonConverter(typeof(RbWireObject<RbRaySyncAddress>))]
        internal RbRaySyncAddress? Address { get; set; }

        void IJsonOnDeserialized.OnDeserialized()
        {
            var a = Address ?? new RbRaySyncAddress();
            ServerIp = a.ServerIp;
            ServerPort = a.ServerPort;
            ProxyIp = a.ProxyIp;
            ProxyPort = a.ProxyPort;
            SslPort = a.SslPort;
            Port = a.Port;
            foreach (var field in a.Extra) Extra["raysyncTransfer." + field.Key] = field.Value;
            Address = null;
        }
    }

    /// <summary>getServerInfo's <c>raysyncTransfer</c>: where the RaySync server listens.</summary>
    internal sealed class RbRaySyncAddress
    {
        [JsonPropertyName("serverIp")]
        public string? ServerIp { get; set; }
        [JsonPropertyName("serverPort")]
        public int? ServerPort { get; set; }
        [JsonPropertyName("proxyIp")]
        public string? ProxyIp { get; set; }
        [JsonPropertyName("proxyPort")]
        public int? ProxyPort { get; set; }
        [JsonPropertyName("sslPort")]
        public int? SslPort { get; set; }
        [JsonPropertyName("port")]
        public int? Port { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>
    /// The account's RaySync keys (<c>getRaySyncUserKey</c>). Both keys are secrets: SecureStrings, never shown in a
    /// view, ToString or Extra.
    /// </summary>
    public sealed class RbRaySyncKey
    {
        [RbKey(RbKind.User)]
        [JsonPropertyName("id")]
        public long? UserId { get; set; }
        [RbKey(RbKind.User)]
        [JsonPropertyName("userName")]
        public string? UserName { get; set; }
        [JsonPropertyName("zone")]
        public int? Zone { get; set; }
        [RbKey(RbKind.Platform)]
        [JsonPropertyName("platform")]
        public int? Platform { get; set; }
        [JsonPropertyName("loginTime")]
        public DateTimeOffset? LoginTime { get; set; }
        /// <summary>The RaySync key (<c>raySyncUserKey</c>).</summary>
        [JsonPropertyName("raySyncUserKey")]
        public SecureString? RaySyncUserKey { get; set; }
        /// <summary>The user key (<c>userKey</c>).</summary>
        [JsonPropertyName("userKey")]
        public SecureString? UserKey { get; set; }
        [JsonExtensionData]
        public IDictionary<string, object?> Extra { get; set; } = new Dictionary<string, object?>();

        public override string ToString() => $"RaySync key of {UserName} ({UserId})";
    }
}
