using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using RenderbusPS.Core;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>An API 2.0 refusal: <c>head.result</c> 1 with this code; nothing was changed.</summary>
    internal sealed class Api2Error : Exception
    {
        public Api2Error(int code, string message) : base(message) => Code = code;
        public int Code { get; }
    }

    internal delegate System.Text.Json.Nodes.JsonObject Api2Handler(Api2Request request);

    /// <summary>
    /// A request that passed the envelope and credential checks, and whose body passed its action's field table.
    /// Values are read as the document types them; every scalar may come as a JSON string.
    /// </summary>
    internal sealed class Api2Request
    {
        public Api2Request(string action, string account, JsonElement body, EmuStore store, long nowMs)
        {
            Action = action;
            Account = account;
            Body = body;
            Store = store;
            NowMs = nowMs;
        }

        public string Action { get; }
        /// <summary><c>head.account</c>: the caller.</summary>
        public string Account { get; }
        public JsonElement Body { get; }
        public EmuStore Store { get; }
        public long NowMs { get; }

        /// <summary>The field as text; null when absent, null or empty.</summary>
        public string? Text(string name)
        {
            if (!Body.TryGetProperty(name, out var v)) return null;
            var text = v.ValueKind == JsonValueKind.String ? v.GetString()
                : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null;
            return string.IsNullOrEmpty(text) ? null : text;
        }

        /// <summary>The field as a whole number (checked by <see cref="Check"/>); null when absent or empty.</summary>
        public long? Long(string name)
            => Text(name) is string t ? long.Parse(t.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture)
                : (long?)null;

        public int? Int(string name) => (int?)Long(name);

        public double? Float(string name)
            => Text(name) is string t ? double.Parse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)
                : (double?)null;

        /// <summary>Checks a JSON object against a field table, the document's codes in its order (1020 to
        /// 1024).</summary>
        public static void Check(JsonElement obj, Api2Field[] fields, string where)
        {
            foreach (var f in fields.Where(f => f.Required))
            {
                if (!obj.TryGetProperty(f.Name, out var v) || v.ValueKind == JsonValueKind.Null
                    || (v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length == 0)
                    || (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 0))
                    throw new Api2Error(RbApi2Codes.FieldEmpty,
                        $"null not permitted: {where}.{f.Name} is missing or empty.");
            }
            var present = fields.Select(f => (Field: f, Text: Present(obj, f, where))).Where(x
                => x.Text != null).ToList();
            foreach (var (f, text) in present)
            {
                if (f.Kind == Api2Kind.Int && !long.TryParse(text!.Trim(), NumberStyles.Integer,
                    CultureInfo.InvariantCulture, out _)
                    || f.Kind == Api2Kind.Float && !double.TryParse(text!.Trim(), NumberStyles.Float,
                        CultureInfo.InvariantCulture, out _))
                    throw new Api2Error(RbApi2Codes.FieldNotNumber,
                        $"parameter cast exception: {where}.{f.Name} '{text}' is not a number.");
            }
            foreach (var (f, text) in present)
            {
                if (f.Allowed.Length > 0 && !f.Allowed.Contains(f.Kind == Api2Kind.Int ? Normal(text!) : text,
                    StringComparer.Ordinal))
                    throw new Api2Error(RbApi2Codes.FieldValueIllegal,
                        $"illegal value: {where}.{f.Name} '{text}' is not one of "
                        + string.Join(", ", f.Allowed) + ".");
            }
            foreach (var (f, text) in present)
            {
                if (f.Max > 0 && LengthOf(text!) > f.Max)
                    throw new Api2Error(RbApi2Codes.FieldTooLong,
                        $"parameter length exceed scope: {where}.{f.Name} is longer than "
                        + $"{f.Max} (a character outside ASCII counts 2).");
            }
            foreach (var (f, text) in present)
            {
                if (text!.Any(Illegal))
                    throw new Api2Error(RbApi2Codes.FieldIllegalCharacters,
                        $"illegal characters be contained: {where}.{f.Name} "
                        + "holds a control character, < or >.");
            }
        }

        /// <summary>The value's text when given (arrays: their JSON); throws 1021 for a value of the wrong JSON
        /// kind.</summary>
        private static string? Present(JsonElement obj, Api2Field f, string where)
        {
            if (!obj.TryGetProperty(f.Name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (f.Kind == Api2Kind.Array)
            {
                if (v.ValueKind != JsonValueKind.Array)
                    throw new Api2Error(RbApi2Codes.FieldNotNumber,
                        $"parameter cast exception: {where}.{f.Name} must be a JSON array.");
                return null;
            }
            if (v.ValueKind == JsonValueKind.String) return v.GetString()!.Length == 0 ? null : v.GetString();
            if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
            throw new Api2Error(RbApi2Codes.FieldNotNumber,
                $"parameter cast exception: {where}.{f.Name} must be text or a number.");
        }

        private static string Normal(string text)
            => long.Parse(text.Trim(), NumberStyles.Integer,
                CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

        /// <summary>The length the document counts: a character outside ASCII (a Chinese one) counts 2.</summary>
        public static int LengthOf(string text) => text.Sum(c => c < 0x80 ? 1 : 2);

        private static bool Illegal(char c) => c < 0x20 || c == 0x7F || c == '<' || c == '>';
    }
}
