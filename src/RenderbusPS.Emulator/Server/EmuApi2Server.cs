using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Emulator.Faults;
using RenderbusPS.Emulator.Handlers.Api2;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Server
{
    /// <summary>
    /// API 2.0 on the emulator's port, over the same account as REST: one URL (<c>/api/v2/task/</c>, and
    /// <c>/api/v1/task</c> as public clients post), the action in <c>head.action</c>, the key in clear in the body.
    /// Checks run in the document's order: 1001 empty, 1002 not JSON, 1004 Content-Type, 1005 over 200 KB, 1006 no
    /// head, 1007 no body, the head's fields (1020-1024), 1010 key, 1012 account, 1013 disabled, 1022 unknown action,
    /// then the action's fields (1020, 1021, 1022, 1023, 1024). Nothing of the body reaches the request log.
    /// </summary>
    internal sealed class EmuApi2Server
    {
        private readonly EmuStore store;
        private readonly RbEmulatorFaults faults;
        private readonly byte[] key;
        private readonly Dictionary<string, Api2Handler> handlers = new Dictionary<string,
            Api2Handler>(StringComparer.Ordinal);

        public EmuApi2Server(EmuStore store, RbEmulatorFaults faults, byte[] key)
        {
            this.store = store;
            this.faults = faults;
            this.key = key;
            Api2TaskHandlers.Register(handlers);
            Api2SubmitHandlers.Register(handlers);
            Api2ProjectHandlers.Register(handlers);
            Api2AccountHandlers.Register(handlers);
        }

        /// <summary>The actions served (the coverage test walks them against the catalog).</summary>
        public IReadOnlyCollection<string> Actions => handlers.Keys.ToList();

        /// <summary>Clears the key once the emulator stops.</summary>
        public void Wipe() => Array.Clear(key, 0, key.Length);

        public static bool Handles(string path) => RbApi2Catalog.IsPath(path);

        /// <summary>The answer to one request; <paramref name="action"/> and <paramref name="idCount"/> are for the
        /// log.</summary>
        public EmuReply Serve(string method, string? contentType, byte[] bytes, out string? action, out int idCount)
        {
            action = null;
            idCount = 0;
            if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
                return EmuReply.Raw(405, "text/plain", Encoding.UTF8.GetBytes("Method Not Allowed"));
            try
            {
                if (bytes.Length == 0) throw new Api2Error(RbApi2Codes.JsonEmpty,
                    "Json empty content: the request has no body.");
                using var doc = Parse(bytes);
                var root = doc.RootElement;
                if (!IsJson(contentType))
                    throw new Api2Error(RbApi2Codes.ContentTypeUnsupported,
                        $"Content-Type '{contentType}' is not supported: "
                        + "send application/json.");
                if (bytes.Length > RbApi2Codes.MaxRequestBytes)
                    throw new Api2Error(RbApi2Codes.JsonTooLong,
                        $"json exceeds the maximum length: {bytes.Length} bytes, "
                        + $"at most {RbApi2Codes.MaxRequestBytes}.");
                if (!root.TryGetProperty("head", out var head) || head.ValueKind != JsonValueKind.Object)
                    throw new Api2Error(RbApi2Codes.HeadMissing, "Json format error, head lost.");
                if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
                    throw new Api2Error(RbApi2Codes.BodyMissing, "Json format error, body lost.");
                Api2Request.Check(head, Api2Fields.Head, "head");
                var account = head.GetProperty("account").GetString()!;
                CheckCredential(head.GetProperty("access_key").GetString()!, account);
                var name = head.GetProperty("action").GetString()!;
                if (!handlers.TryGetValue(name, out var handler))
                    throw new Api2Error(RbApi2Codes.FieldValueIllegal,
                        $"illegal value: head.action '{name}' is not an action.");
                action = name;
                Api2Request.Check(body, Api2Fields.ByAction[name], "body");
                if (name == "operate_task") idCount = body.GetProperty("task_id").ToString().Split(',').Length;
                return Answer(name, account, body, handler);
            }
            catch (Api2Error error)
            {
                return EmuApi2Reply.Failure(error.Code, error.Message);
            }
        }

        private static JsonDocument Parse(byte[] bytes)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                throw new Api2Error(RbApi2Codes.JsonInvalid, "json parse exception: " + ex.Message);
            }
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            throw new Api2Error(RbApi2Codes.JsonInvalid, "json parse exception: the request is not a JSON object.");
        }

        private static bool IsJson(string? contentType)
            => contentType != null && string.Equals(contentType.Split(';')[0].Trim(), "application/json",
                StringComparison.OrdinalIgnoreCase);

        private void CheckCredential(string accessKey, string account)
        {
            var given = Encoding.UTF8.GetBytes(accessKey);
            var diff = given.Length ^ key.Length;
            for (var i = 0; i < given.Length; i++) diff |= given[i] ^ key[i % Math.Max(1, key.Length)];
            var same = diff == 0;
            Array.Clear(given, 0, given.Length);
            if (!same) throw new Api2Error(RbApi2Codes.AccessKeyRefused,
                "access_key be disabled: the access key is wrong or disabled.");
            lock (store.Sync)
            {
                if (account != store.UserName)
                    throw new Api2Error(RbApi2Codes.AccountNotFound,
                        $"account not exist: '{account}' is not the key's account.");
                if (store.AccountDisabled) throw new Api2Error(RbApi2Codes.AccountDisabled, "account be disabled.");
            }
        }

        /// <summary>Runs the handler under the store's lock, unless an injected fault answers instead.</summary>
        private EmuReply Answer(string name, string account, JsonElement body, Api2Handler handler)
        {
            // a signature that expired has no meaning here: that kind of fault answers as usual. The draw reads the
            // action's body only: the head holds the key, random per start, and a seed must replay the same weather
            var drawn = faults.Rates.Draw(name, Encoding.UTF8.GetBytes(body.GetRawText()));
            switch (drawn)
            {
                case RbFaultKind.Unavailable: return EmuReply.HttpFailure(503);
                case RbFaultKind.Throttled: return EmuReply.Throttled(faults.Rates.RetryAfterSeconds);
                case RbFaultKind.Dropped: return EmuReply.Dropped();
                case RbFaultKind.Html: return EmuReply.Html();
            }
            var fault = faults.Take(name);
            if (fault != null && !fault.Throw && !fault.LoseAnswer)
            {
                if (fault.Reset) return EmuReply.Dropped();
                if (fault.HttpStatus != 0) return EmuReply.HttpFailure(fault.HttpStatus);
                if (fault.Garble) return EmuReply.Html();
                return EmuApi2Reply.Failure(fault.Code, "Injected failure " + fault.Code + ".");
            }
            JsonObject answer;
            try
            {
                lock (store.Sync)
                {
                    var now = store.Tick();
                    try
                    {
                        if (fault != null && fault.Throw) throw new InvalidOperationException("injected handler "
                            + "failure");
                        answer = handler(new Api2Request(name, account, body, store, now));
                    }
                    finally
                    {
                        if (RbApi2Catalog.Find(name)!.Repeat != RbRepeat.Read) store.Touch();
                    }
                }
            }
            catch (Api2Error)
            {
                throw;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return EmuApi2Reply.Failure(RbCodes.InternalError,
                    $"The emulator failed to answer {name}: {ex.GetType().Name}: {ex.Message}");
            }
            if (fault != null && fault.LoseAnswer || drawn == RbFaultKind.LoseAnswer) return EmuReply.Dropped();
            return drawn == RbFaultKind.Truncated ? EmuApi2Reply.Success(answer).Truncated()
                : EmuApi2Reply.Success(answer);
        }
    }

    /// <summary>API 2.0's answer: <c>{"head":{result, error_code, description, error_message},
    /// "body":{…}}</c>.</summary>
    internal static class EmuApi2Reply
    {
        public static EmuReply Success(JsonObject body) => Write(RbCodes.Success, "0", "0", "success", body);

        public static EmuReply Failure(int code, string description)
            => Write(code, "1", code.ToString(System.Globalization.CultureInfo.InvariantCulture), description,
                new JsonObject());

        private static EmuReply Write(int logCode, string result, string errorCode, string description, JsonObject body)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteStartObject("head");
                w.WriteString("result", result);
                w.WriteString("error_code", errorCode);
                // the document's table says description, its example message, the official client reads error_message
                w.WriteString("description", description);
                w.WriteString("error_message", description);
                w.WriteEndObject();
                w.WritePropertyName("body");
                body.WriteTo(w);
                w.WriteEndObject();
            }
            return EmuReply.Json(logCode, buffer.ToArray());
        }
    }
}
