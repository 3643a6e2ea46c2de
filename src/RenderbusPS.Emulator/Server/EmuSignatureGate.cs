using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RenderbusPS.Core;
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
        private static readonly string[] SignedHeaders = { "accessId", "channel", "platform", "UTCTimestamp", "nonce",
            "version" };

        private readonly string accessId;
        private readonly byte[] key;
        private readonly TimeSpan skew;
        private readonly Func<int[]> platforms;
        private readonly Func<long> serviceNowMs;
        private volatile bool revoked;
        /// <summary>The nonces seen, by their request's UTCTimestamp (a replay of an older one fails on its timestamp
        /// first).</summary>
        private readonly Dictionary<long, HashSet<string>> nonces = new Dictionary<long, HashSet<string>>();
        private long sweptAt = long.MinValue;

        public EmuSignatureGate(string accessId, byte[] key, TimeSpan skew, Func<int[]> platforms,
            Func<long> serviceNowMs)
        {
            this.accessId = accessId;
            this.key = key;
            this.skew = skew;
            this.platforms = platforms;
            this.serviceNowMs = serviceNowMs;
        }

        /// <summary>True when the key no longer opens the account (it was reset in the web console): every request
        /// answers 611.</summary>
        public bool Revoked
        {
            get => revoked;
            set => revoked = value;
        }

        /// <summary>Throws <see cref="EmuError"/> with the service's code when the request may not pass.</summary>
        /// <returns>The path set the request is in: the one its path belongs to (by the version header where both share
        /// it).</returns>
        public RbPathSet Verify(
            NameValueCollection requestHeaders, string host, string path, RbOperation? op, JsonElement body,
            string? parseError)
        {
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var name in SignedHeaders)
            {
                var value = requestHeaders[name];
                if (string.IsNullOrEmpty(value)) throw new EmuError(
                    RbCodes.IllegalProtocol, $"The header {name} is missing.");
                headers.Add(new KeyValuePair<string, string>(name, value!));
            }
            var signature = requestHeaders["signature"];
            if (string.IsNullOrEmpty(signature)) throw new EmuError(
                RbCodes.SignatureInvalid, "The header signature is missing.");
            if (parseError != null) throw new EmuError(RbCodes.ParameterInvalid, parseError);

            var expected = RbSigner.ComputeSignature(key, RbSigner.SignString(host, path, headers, body));
            if (!string.Equals(requestHeaders["accessId"], accessId, StringComparison.Ordinal)
                || !RbSigner.SignaturesEqual(expected, signature))
                throw new EmuError(RbCodes.SignatureInvalid, "signature invalid");
            if (revoked) throw new EmuError(RbCodes.SignatureInvalid, "signature invalid: the access key was reset");

            if (!long.TryParse(
                requestHeaders["UTCTimestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts))
                throw new EmuError(RbCodes.IllegalProtocol, "UTCTimestamp is not a number of seconds.");
            var now = serviceNowMs() / 1000;
            if (Math.Abs(now - ts) > skew.TotalSeconds)
                throw new EmuError(
                    RbCodes.SignatureExpired,
                    $"signature expired: UTCTimestamp {ts} is {now - ts} s off the server clock");

            if (!FirstUse(ts, requestHeaders["nonce"]!, now)) throw new EmuError(
                RbCodes.IllegalProtocol, "The nonce was already used: the request looks replayed.");

            var pathSet = PathSetOf(op, path, requestHeaders["version"]);
            var known = platforms();
            if (!int.TryParse(
                requestHeaders["platform"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var platform)
                || !known.Contains(platform))
                throw new EmuError(
                    RbCodes.ParameterInvalid,
                    $"platform {requestHeaders["platform"]} is not one of {string.Join(", ", known)}.");
            return pathSet;
        }

        /// <summary>
        /// Records a nonce under its timestamp; false when it was seen before. Once a second, the timestamps that are
        /// out of the allowed skew are dropped with their nonces (at most one bucket per second of the window is kept).
        /// </summary>
        private bool FirstUse(long ts, string nonce, long now)
        {
            lock (nonces)
            {
                if (now != sweptAt)
                {
                    sweptAt = now;
                    List<long>? stale = null;
                    foreach (var second in nonces.Keys)
                    {
                        if (Math.Abs(now - second) > skew.TotalSeconds) (stale ??= new List<long>()).Add(second);
                    }
                    if (stale != null) foreach (var second in stale) nonces.Remove(second);
                }
                if (!nonces.TryGetValue(ts,
                    out var seen)) nonces[ts] = seen = new HashSet<string>(StringComparer.Ordinal);
                return seen.Add(nonce);
            }
        }

        /// <summary>
        /// A current path must carry version 2.0.0 and a v1 path 1.0.0; a path both sets share (queryPlatforms) takes
        /// either, and the header says which set the request is in. A path that is no API is left to the router (400).
        /// </summary>
        private static RbPathSet PathSetOf(RbOperation? op, string path, string? version)
        {
            var current = RbOperation.VersionHeaderFor(RbPathSet.Current);
            var v1 = RbOperation.VersionHeaderFor(RbPathSet.V1);
            if (op == null) return version == v1 ? RbPathSet.V1 : RbPathSet.Current;
            var isCurrent = string.Equals(op.Path, path, StringComparison.Ordinal);
            var isV1 = string.Equals(op.V1Path, path, StringComparison.Ordinal);
            if (isCurrent && isV1 && (version == current || version == v1)) return version == v1 ? RbPathSet.V1
                : RbPathSet.Current;
            if (isCurrent && !isV1 && version == current) return RbPathSet.Current;
            if (isV1 && !isCurrent && version == v1) return RbPathSet.V1;
            var expected = isCurrent && isV1 ? current + " or " + v1 : isV1 ? v1 + " (the v1 path set)" : current
                + " (the current path set)";
            throw new EmuError(
                RbCodes.IllegalProtocol,
                $"Header version {version} does not match the path set of {path}: it takes {expected}.");
        }

        public void Wipe() => Array.Clear(key, 0, key.Length);
    }
}
