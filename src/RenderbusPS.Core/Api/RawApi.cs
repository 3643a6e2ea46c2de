using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// One raw call, checked and ready to send: the operation (a catalog entry, or an unlisted path), the path the
    /// session's path set uses for it, and the body. Made by <see cref="RawApi.Prepare"/>; nothing has been sent.
    /// </summary>
    internal sealed class RbRawRequest
    {
        internal RbRawRequest(RbOperation operation, bool isListed, string path, RbBody body)
        {
            Operation = operation;
            IsListed = isListed;
            Path = path;
            Body = body;
        }

        /// <summary>The catalog operation, or for an unlisted path one treated as a non-idempotent write.</summary>
        public RbOperation Operation { get; }
        /// <summary>True when the catalog knows the path (in either path set).</summary>
        public bool IsListed { get; }
        /// <summary>The path that is sent (the session's path set's path for a catalog operation).</summary>
        public string Path { get; }
        /// <summary>True unless the catalog marks the operation as a read; unlisted paths count as writes.</summary>
        public bool IsWrite => !IsListed || !Operation.IsRead;
        internal RbBody Body { get; }

        public override string ToString() => (IsListed ? Operation.Name + " " : "") + Path;
    }

    /// <summary>
    /// Sends any path with the client's signing, for operations no cmdlet wraps yet (Invoke-RbApi). Bodies are built
    /// from dictionaries the way the official client sends them: strings, whole numbers, nested objects and arrays,
    /// nothing else.
    /// </summary>
    internal sealed class RawApi
    {
        private readonly RbClient client;

        public RawApi(RbClient client) => this.client = client ?? throw new ArgumentNullException(nameof(client));

        /// <summary>
        /// Checks the path and body and resolves the operation: a path of either path set that the catalog knows is
        /// sent on the client's path set (Rb.NotInPathSet when that set lacks it); any other path is sent as given, as
        /// a write.
        /// <paramref name="unwrap"/> turns wrapped values (PowerShell's PSObject) into their base objects; null leaves
        /// them.
        /// </summary>
        public RbRawRequest Prepare(string path, IDictionary? body, Func<object?, object?>? unwrap = null)
        {
            var p = RbInputRules.CheckApiPath(path);
            if (client.Protocol == RbApiProtocol.Api2) throw new RbValidationException("Rb.NotInProtocol",
                "-Path posts a REST path, and this session speaks API 2.0; nothing was sent.", "Path",
                "Post an API 2.0 action with -Action (and -Body), or connect a REST session for the path and pass it "
                    + "with -Session.", p);
            var built = ToBody(body, unwrap ?? (o => o));
            var op = RbCatalog.FindByPath(p);
            if (op == null) return new RbRawRequest(
                new RbOperation(p, "Raw", p, p, RbRepeat.NonIdempotentWrite, 0, null, 0), false, p, built);
            var sent = op.PathFor(client.PathSet) ?? throw new RbValidationException("Rb.NotInPathSet",
                $"The operation {op.Name} ({p}) does not exist in the {client.PathSet} path set.", "Path",
                client.PathSet == RbPathSet.V1 ? "Connect with -PathSet Current to use it."
                    : "Give the operation's current path, or connect with -PathSet V1.", p);
            return new RbRawRequest(op, true, sent, built);
        }

        /// <summary>
        /// Checks an API 2.0 action name and body: the call goes to the session's API 2.0 path and is retried by the
        /// action's repeat class (restarting frames with operate_task's <c>operate_order</c> 1 and adding a project
        /// configuration with operate_project's <c>operate_type</c> 0 act twice when repeated, so they are not).
        /// Rb.UnknownApiAction for another name; Rb.NotInProtocol on a REST session. Nothing is sent.
        /// </summary>
        public RbRawRequest PrepareAction(string action, IDictionary? body, Func<object?, object?>? unwrap = null)
        {
            var found = RbApi2Rules.CheckApiAction(action);
            var plain = unwrap ?? (o => o);
            var built = ToBody(body, plain);
            if (found == RbApi2Catalog.OperateTask && Field(body, "operate_order", plain) == "1")
                found = RbApi2Catalog.OperateTaskRestart;
            else if (found == RbApi2Catalog.OperateProject && Field(body, "operate_type", plain) == "0")
                found = RbApi2Catalog.OperateProjectAdd;
            client.CheckSendable(found.Operation, null);
            return new RbRawRequest(found.Operation, true, client.Api2Path, built);
        }

        /// <summary>A top-level body field as invariant text, or null.</summary>
        private static string? Field(IDictionary? body, string name, Func<object?, object?> unwrap)
        {
            if (body == null) return null;
            foreach (DictionaryEntry e in body)
            {
                if (unwrap(e.Key) as string != name) continue;
                var value = unwrap(e.Value);
                return value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString()
                    ?.Trim();
            }
            return null;
        }

        /// <summary>Sends a prepared call and returns the envelope's <c>data</c> as plain values (see
        /// <see cref="ToPlainData"/>).</summary>
        public async Task<object?> InvokeAsync(RbRawRequest request, CancellationToken cancellationToken)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            // the raw call is the user's: no v1 body or answer translation
            var response = await client.SendUntranslatedAsync(request.Operation, request.Body, cancellationToken)
                .ConfigureAwait(false);
            return ToPlainData(response.Data);
        }

        /// <summary>
        /// <c>data</c> as string, long, decimal, bool, null, object[] or an ordered string-keyed dictionary. Members
        /// the protocol documents as secrets (RaySync and user keys, transfer passwords) come back as read-only
        /// SecureStrings, so a printed answer never shows them.
        /// </summary>
        public static object? ToPlainData(JsonElement data)
        {
            switch (data.ValueKind)
            {
                case JsonValueKind.Undefined: return null;
                case JsonValueKind.Array: return data.EnumerateArray().Select(ToPlainData).ToArray();
                case JsonValueKind.Object:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var p in data.EnumerateObject())
                    {
                        map[p.Name] = RbSecrets.IsSecretField(p.Name) && p.Value.ValueKind == JsonValueKind.String
                            ? RbCredential.ToSecureString(p.Value.GetString()!)
                            : ToPlainData(p.Value);
                    }
                    return map;
                default: return RbWire.Plain(data);
            }
        }

        /// <summary>
        /// A body from a dictionary: string keys; values strings, whole numbers, enums (as numbers), nested
        /// dictionaries and lists of those. Booleans, nulls, fractions and other types are refused (Rb.InvalidApiBody)
        /// before anything is sent.
        /// </summary>
        public static RbBody ToBody(IDictionary? fields, Func<object?, object?> unwrap)
        {
            var body = new RbBody();
            if (fields == null) return body;
            foreach (DictionaryEntry e in fields)
            {
                if (!(unwrap(e.Key) is string key))
                    throw RbInputRules.ApiBody.Error(
                        $"The body key {e.Key} is a {e.Key?.GetType().Name ?? "null"}; body keys are strings.", e.Key);
                body.Add(key, ToValue(key, e.Value, unwrap));
            }
            return body;
        }

        private static object ToValue(string name, object? raw, Func<object?, object?> unwrap)
        {
            var value = unwrap(raw);
            switch (value)
            {
                case null:
                    throw RbInputRules.ApiBody.Error(
                        $"The body field '{name}' is null: the official client sends no JSON nulls; leave the field out.", name);
                case string s: return s;
                case char c: return c.ToString();
                case bool b:
                    throw RbInputRules.ApiBody.Error(
                        $"The body field '{name}' is ${(b ? "true" : "false")}: the official client sends no JSON booleans; send 1 or 0, or the string the operation documents (such as 'false').", name);
                case Enum en: return Convert.ToInt64(en, CultureInfo.InvariantCulture);
                case byte _: case sbyte _: case short _: case ushort _: case int _:
                    return Convert.ToInt32(value, CultureInfo.InvariantCulture);
                case uint u: return (long)u;
                case long l: return l;
                case ulong ul when ul <= long.MaxValue: return (long)ul;
                case float _: case double _: case decimal _: case ulong _:
                    throw RbInputRules.ApiBody.Error(
                        $"The body field '{name}' is {Convert.ToString(value, CultureInfo.InvariantCulture)}, a {value.GetType().Name}: the official client sends whole numbers (at most {long.MaxValue}) and strings only; send a fraction as a string.", name);
                case IDictionary nested:
                    var inner = new RbBody();
                    foreach (DictionaryEntry e in nested)
                    {
                        if (!(unwrap(e.Key) is string key))
                            throw RbInputRules.ApiBody.Error(
                                $"The key {e.Key} in '{name}' is a {e.Key?.GetType().Name ?? "null"}; body keys are strings.", name);
                        inner.Add(key, ToValue(name + "." + key, e.Value, unwrap));
                    }
                    return inner;
                case IEnumerable list:
                    var items = new List<object>();
                    foreach (var item in list) items.Add(
                        ToValue(name + items.Count.ToString(CultureInfo.InvariantCulture), item, unwrap));
                    return items;
                default:
                    throw RbInputRules.ApiBody.Error(
                        $"The body field '{name}' is a {value.GetType().Name}; send strings, whole numbers, hashtables and arrays (format dates as text, e.g. 'yyyy-MM-dd HH:mm:ss').", name);
            }
        }
    }
}
