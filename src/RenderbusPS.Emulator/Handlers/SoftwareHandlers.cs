using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers
{
    internal static class SoftwareHandlers
    {
        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.QuerySoftwareList] = QuerySoftwareList;
            map[RbCatalog.QuerySoftwareDetail] = QuerySoftwareDetail;
            map[RbCatalog.GetUserPluginConfig] = GetUserPluginConfig;
            map[RbCatalog.AddUserPluginConfig] = AddUserPluginConfig;
        }

        private static JsonNode QuerySoftwareList(EmuRequest r) => new JsonObject
        {
            ["isAutoCommit"] = 2,
            ["renderInfoList"] = new JsonArray(r.Store.Software.Select(s => (JsonNode)SoftwareCatalog.SoftwareJson(s)).ToArray()),
            ["defaultCgId"] = SoftwareCatalog.DefaultCgId,
        };

        private static EmuSoftware Software(EmuRequest r, int cgId)
            => r.Store.FindSoftware(cgId) ?? throw new EmuError(RbCodes.ParameterInvalid, $"cgId {cgId} is not a supported software.");

        private static int Os(EmuRequest r, string name, int fallback)
        {
            var os = r.OptInt(name) ?? fallback;
            if (os != 0 && os != 1) throw new EmuError(RbCodes.ParameterInvalid, $"{name} {os} must be 0 (Linux) or 1 (Windows).");
            return os;
        }

        private static IEnumerable<EmuSoftwareVersion> VersionsOn(EmuSoftware s, int os) => os == 0 && !s.Linux ? Enumerable.Empty<EmuSoftwareVersion>() : s.Versions;

        private static JsonNode QuerySoftwareDetail(EmuRequest r)
        {
            var s = Software(r, r.ReqInt("cgId"));
            var versions = VersionsOn(s, Os(r, "osName", 1)).ToList();
            return new JsonObject
            {
                ["cgPlugin"] = new JsonArray(versions.SelectMany(v => v.Plugins.GroupBy(p => p.Name).Select(g => (JsonNode)new JsonObject
                {
                    ["cvId"] = v.Id,
                    ["pluginName"] = g.Key,
                    ["pluginVersions"] = new JsonArray(g.Select(p => (JsonNode)p.ToJson()).ToArray()),
                })).ToArray()),
                ["cgVersion"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject
                {
                    ["id"] = v.Id,
                    ["cgId"] = s.CgId,
                    ["cgName"] = s.Name,
                    ["cgVersion"] = v.Version,
                }).ToArray()),
            };
        }

        private static JsonNode GetUserPluginConfig(EmuRequest r)
        {
            var ids = r.LongList("cgIds", required: false).ToList();
            if (r.OptLong("cgId") is long one) ids.Add(one);
            if (ids.Count == 0) throw EmuRequest.Missing("cgId");
            var os = r.Has("osName") ? Os(r, "osName", 1) : (int?)null;
            return new JsonArray(r.Store.RenderEnvs
                .Where(e => ids.Contains(e.CgId) && (!os.HasValue || e.Os == os.Value))
                .Select(e => (JsonNode)e.ToJson()).ToArray());
        }

        private static JsonNode AddUserPluginConfig(EmuRequest r)
        {
            var s = Software(r, r.ReqInt("cgId"));
            var cgName = r.ReqStr("cgName");
            if (!string.Equals(cgName, s.Name, StringComparison.Ordinal))
                throw new EmuError(RbCodes.ParameterInvalid, $"cgName '{cgName}' does not match cgId {s.CgId} ({s.Name}).");
            var os = r.OptInt("renderSystem") ?? throw EmuRequest.Missing("renderSystem");
            if (os != 0 && os != 1) throw new EmuError(RbCodes.ParameterInvalid, $"renderSystem {os} must be 0 (Linux) or 1 (Windows).");
            var cgVersion = r.ReqStr("cgVersion");
            var version = VersionsOn(s, os).FirstOrDefault(v => v.Version == cgVersion)
                ?? throw new EmuError(RbCodes.ParameterInvalid, $"{s.Name} {cgVersion} is not available on {(os == 0 ? "Linux" : "Windows")}.");
            var name = r.ReqStr("editName").Trim();
            if (name.Length > 50) throw new EmuError(RbCodes.ParameterInvalid, "editName is longer than 50 characters.");
            if (r.Store.RenderEnvs.Any(e => e.CgId == s.CgId && string.Equals(e.EditName, name, StringComparison.OrdinalIgnoreCase)))
                throw new EmuError(RbCodes.ParameterInvalid, $"A render environment named '{name}' already exists for {s.Name}.");
            var plugins = new List<EmuPlugin>();
            foreach (var pid in r.LongList("pluginIds", required: false).Distinct())
            {
                plugins.Add(version.Plugins.FirstOrDefault(p => p.Id == pid)
                    ?? throw new EmuError(RbCodes.ParameterInvalid, $"Plugin {pid} does not belong to {s.Name} {version.Version}."));
            }
            r.Store.RenderEnvs.Add(new EmuRenderEnv
            {
                CgId = s.CgId,
                CgName = s.Name,
                CgVersion = version.Version,
                EditName = name,
                Os = os,
                RenderLayerType = r.OptInt("renderLayerType") ?? 0,
                ProjectPath = r.OptStr("projectPath") ?? "",
                IsDefault = !r.Store.RenderEnvs.Any(e => e.CgId == s.CgId),
                Plugins = plugins,
            });
            return new JsonObject { ["editName"] = name };
        }
    }
}
