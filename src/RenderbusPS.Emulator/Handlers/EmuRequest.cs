using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Faults;
using RenderbusPS.Emulator.Server;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers
{
    /// <summary>An answer with a code other than 200; nothing was changed.</summary>
    internal sealed class EmuError : Exception
    {
        public EmuError(int code, string message) : base(message) => Code = code;
        public int Code { get; }
    }

    internal delegate JsonNode? EmuHandler(EmuRequest request);

    /// <summary>A verified request: its operation, body and the account it acts on.</summary>
    internal sealed class EmuRequest
    {
        public EmuRequest(
            RbOperation op, JsonElement body, EmuStore store, RbEmulatorFaults faults, long nowMs,
            RbPathSet pathSet = RbPathSet.Current)
        {
            NowMs = nowMs;
            PathSet = pathSet;
            Op = op;
            Body = body;
            Store = store;
            Faults = faults;
        }

        public RbOperation Op { get; }
        public JsonElement Body { get; }
        public EmuStore Store { get; }
        public RbEmulatorFaults Faults { get; }
        /// <summary>The path set the request came in on (its body is already in the current set's names).</summary>
        public RbPathSet PathSet { get; }
        /// <summary>The farm's clock when the request arrived (epoch ms); times a handler writes use it.</summary>
        public long NowMs { get; }

        private bool TryGet(string name, out JsonElement value)
        {
            value = default;
            return Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out value)
                && value.ValueKind != JsonValueKind.Null;
        }

        public bool Has(string name) => TryGet(name, out _);

        public long? OptLong(string name)
        {
            if (!TryGet(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(
                v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            throw new EmuError(RbCodes.ParameterInvalid, $"{name} must be an integer, not {v.GetRawText()}.");
        }

        public long ReqLong(string name) => OptLong(name) ?? throw Missing(name);

        public int? OptInt(string name)
        {
            var l = OptLong(name);
            if (l.HasValue && (l < int.MinValue || l > int.MaxValue)) throw new EmuError(
                RbCodes.ParameterInvalid, $"{name} is out of range.");
            return (int?)l;
        }

        public int ReqInt(string name) => OptInt(name) ?? throw Missing(name);

        public string? OptStr(string name)
        {
            if (!TryGet(name, out var v)) return null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }

        public string ReqStr(string name)
        {
            var s = OptStr(name);
            return string.IsNullOrWhiteSpace(s) ? throw Missing(name) : s!;
        }

        public long[] LongList(string name, bool required)
        {
            if (!TryGet(name, out var v))
            {
                if (required) throw Missing(name);
                return Array.Empty<long>();
            }
            if (v.ValueKind != JsonValueKind.Array) throw new EmuError(
                RbCodes.ParameterInvalid, $"{name} must be a list.");
            var list = new List<long>();
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var l)) list.Add(l);
                else if (
                    item.ValueKind == JsonValueKind.String && long.TryParse(
                    item.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) list.Add(l);
                else throw new EmuError(
                    RbCodes.ParameterInvalid, $"{name} holds {item.GetRawText()}, which is not an id.");
            }
            if (required && list.Count == 0) throw new EmuError(
                RbCodes.ParameterCantBeEmpty, $"{name} can't be empty.");
            return list.ToArray();
        }

        public static EmuError Missing(string name) => new EmuError(
            RbCodes.ParameterCantBeEmpty, $"{name} can't be empty.");

        /// <summary>Checks an id list against the catalog's per-call limit.</summary>
        public long[] IdList()
        {
            var ids = LongList(Op.IdListField!, required: true);
            if (ids.Length > Op.MaxIds)
                throw new EmuError(
                    RbCodes.ParameterInvalid,
                    $"{Op.IdListField} holds {ids.Length} ids; at most {Op.MaxIds} are allowed in one call.");
            return ids;
        }

        /// <summary>The page a list request asks for (pageNum, pageSize), checked against the catalog's page-size
        /// limit.</summary>
        public EmuPageAsked PageAsked()
        {
            var pageNum = OptInt("pageNum") ?? 1;
            var pageSize = OptInt("pageSize") ?? Op.MaxPageSize;
            if (pageNum < 1) throw new EmuError(RbCodes.ParameterInvalid, $"pageNum {pageNum} must be 1 or more.");
            if (pageSize < 1 || pageSize > Op.MaxPageSize) throw new EmuError(
                RbCodes.ParameterInvalid, $"pageSize {pageSize} must be 1..{Op.MaxPageSize}.");
            if (Faults.RepeatFirstPage) pageNum = 1;
            return new EmuPageAsked(pageNum, pageSize);
        }

        /// <summary>Serves one page of a list in the service's page shape.</summary>
        public JsonNode Page<T>(IReadOnlyList<T> all, Func<T, JsonNode> toJson) =>
            Page(all, (w, x) => toJson(x).WriteTo(w));

        /// <summary>Serves one page of a list in the service's page shape, its items written straight to
        /// bytes.</summary>
        public JsonNode Page<T>(IReadOnlyList<T> all, Action<Utf8JsonWriter, T> write)
        {
            var page = PageAsked();
            return WritePage(
                page.PageCount(all.Count), page.Num, all.Count, page.Size, all, page.First, page.CountIn(all.Count),
                write);
        }

        /// <summary>
        /// The page shape around items already picked: <paramref name="items"/> from <paramref name="first"/>,
        /// <paramref name="count"/> of them, written straight to bytes (see <see cref="EmuRawJson"/>).
        /// </summary>
        public static JsonNode WritePage<T>(
            int pageCount, int pageNum, int total, int size, IReadOnlyList<T> items, int first, int count,
            Action<Utf8JsonWriter, T> write)
            => EmuRawJson.Write(count * 2048 + 256, [MethodImpl(EmuJit.Optimized)] (w) =>
            {
                w.WriteStartObject();
                w.WriteNumber(PageCountName, pageCount);
                w.WriteNumber(PageNumName, pageNum);
                w.WriteNumber(TotalName, total);
                w.WriteNumber(SizeName, size);
                w.WriteStartArray(ItemsName);
                for (var i = 0; i < count; i++) write(w, items[first + i]);
                w.WriteEndArray();
                w.WriteEndObject();
            });

        private static readonly JsonEncodedText PageCountName = JsonEncodedText.Encode("pageCount"),
            PageNumName = JsonEncodedText.Encode("pageNum"),
            TotalName = JsonEncodedText.Encode("total"), SizeName = JsonEncodedText.Encode("size"),
                ItemsName = JsonEncodedText.Encode("items");
    }

    /// <summary>A page a list request asks for: its number (from 1) and size.</summary>
    internal readonly struct EmuPageAsked
    {
        public EmuPageAsked(int num, int size)
        {
            Num = num;
            Size = size;
        }

        public int Num { get; }
        public int Size { get; }

        /// <summary>Index of the page's first item in the whole list (past the end for a page beyond it).</summary>
        public int First => (int)Math.Min(int.MaxValue, (Num - 1L) * Size);

        public int CountIn(int total) => Math.Max(0, Math.Min(Size, total - First));

        public int PageCount(int total) => (total + Size - 1) / Size;
    }
}
