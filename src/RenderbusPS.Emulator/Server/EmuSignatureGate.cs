using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator.Handlers;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>
    /// Lets a request through only as the service would: every signed header present, the signature made with this
    /// account's key over the exact host, path, headers and body (611), a timestamp within the allowed skew (610),
    /// a nonce not seen before (603), the version header of the path set, and a platform of the account.
    /// </summary>
    internal sealed class EmuSignatureGate
    {
        private static readonly string[] SignedHeaders = { "accessId", "channel", "platform", "UTCTimestamp", "nonce", "version" };

        private readonly string accessId;
        private readonly byte[] key;
        private readonly TimeSpan skew;
        private readonly Func<int[]> platforms;
        private readonly ConcurrentDictionary<string, long> nonces = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);

        public EmuSignatureGate(string accessId, byte[] key, TimeSpan skew, Func<int[]> platforms)
        {
            this.accessId = accessId;
            this.key = key;
            this.skew = skew;
            this.platforms = platforms;
        }

        /// <summary>Throws <see cref="EmuError"/> with the service's code when the request may not pass.</summary>
        public void Verify(NameValueCollection requestHeaders, string host, string path, bool isCurrentPath, JsonElement body, string? parseError)
        {
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var name in SignedHeaders)
            {
                var value = requestHeaders[name];
                if (string.IsNullOrEmpty(value)) throw new EmuError(RbCodes.IllegalProtocol, $"The header {name} is missing.");
                headers.Add(new KeyValuePair<string, string>(name, value!));
            }
            var signature = requestHeaders["signature"];
            if (string.IsNullOrEmpty(signature)) throw new EmuError(RbCodes.SignatureInvalid, "The header signature is missing.");
            if (parseError != null) throw new EmuError(RbCodes.ParameterInvalid, parseError);

            var expected = RbSigner.ComputeSignature(key, RbSigner.SignString(host, path, headers, body));
            if (!string.Equals(requestHeaders["accessId"], accessId, StringComparison.Ordinal) || !RbSigner.SignaturesEqual(expected, signature))
                throw new EmuError(RbCodes.SignatureInvalid, "signature invalid");

            if (!long.TryParse(requestHeaders["UTCTimestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts))
                throw new EmuError(RbCodes.IllegalProtocol, "UTCTimestamp is not a number of seconds.");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (Math.Abs(now - ts) > skew.TotalSeconds)
                throw new EmuError(RbCodes.SignatureExpired, $"signature expired: UTCTimestamp {ts} is {now - ts} s off the server clock");

            var nonceKey = ts.ToString(CultureInfo.InvariantCulture) + ":" + requestHeaders["nonce"];
            if (!nonces.TryAdd(nonceKey, ts)) throw new EmuError(RbCodes.IllegalProtocol, "The nonce was already used: the request looks replayed.");
            if (nonces.Count > 4096)
            {
                foreach (var old in nonces.Where(n => Math.Abs(now - n.Value) > skew.TotalSeconds).ToList()) nonces.TryRemove(old.Key, out _);
            }

            var version = requestHeaders["version"];
            if (isCurrentPath && version != RbOperation.VersionHeaderFor(RbPathSet.Current))
                throw new EmuError(RbCodes.IllegalProtocol, $"Header version {version} does not match this path set (2.0.0).");
            var known = platforms();
            if (!int.TryParse(requestHeaders["platform"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var platform) || !known.Contains(platform))
                throw new EmuError(RbCodes.ParameterInvalid, $"platform {requestHeaders["platform"]} is not one of {string.Join(", ", known)}.");
        }

        public void Wipe() => Array.Clear(key, 0, key.Length);
    }
}
