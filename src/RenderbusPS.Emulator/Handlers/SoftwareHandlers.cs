using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Core;
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
            map[RbCatalog.EditUserPluginConfig] = EditUserPluginConfig;
            map[RbCatalog.SetDefaultUserPluginConfig] = SetDefaultUserPluginConfig;
            map[RbCatalog.DeleteUserPluginConfig] = DeleteUserPluginConfig;
        }

        private static JsonNode QuerySoftwareList(EmuRequest r) => new JsonObject
        {
            ["isAutoCommit"] = 2,
            ["renderInfoList"] = new JsonArray(
                r.Store.Software.Select(s => (JsonNode)SoftwareCatalog.SoftwareJson(s)).ToArray()),
            ["defaultCgId"] = SoftwareCatalog.DefaultCgId,
        };

        private static EmuSoftware Software(EmuRequest r, int cgId)
            => r.Store.FindSoftware(cgId) ?? throw new EmuError(
                RbCodes.ParameterInvalid, $"cgId {cgId} is not a supported software.");

        /// <summary>
        /// An OS field in every form real clients send: 0/1 as a number or as text, or "linux"/"windows" (the official
        /// client's querySoftwareDetail); a missing field is the documented default (1, Windows).
        /// </summary>
        private static int Os(EmuRequest r, string name, int fallback)
        {
            var text = r.OptStr(name)?.Trim();
            if (text == null) return fallback;
            if (string.Equals(text, "windows", StringComparison.OrdinalIgnoreCase)) return 1;
            if (string.Equals(text, "linux", StringComparison.OrdinalIgnoreCase)) return 0;
            if (text == "0" || text == "1") return text == "1" ? 1 : 0;
            throw new EmuError(
                RbCodes.ParameterInvalid, $"{name} {text} must be 0 or \"linux\" (Linux), 1 or \"windows\" (Windows).");
        }

        private static IEnumerable<EmuSoftwareVersion> VersionsOn(EmuSoftware s, int os) => os == 0 && !s.Linux
            ? Enumerable.Empty<EmuSoftwareVersion>() : s.Versions;

        private static JsonNode QuerySoftwareDetail(EmuRequest r)
        {
            var s = Software(r, r.ReqInt("cgId"));
            var versions = VersionsOn(s, Os(r, "osName", 1)).ToList();
            return new JsonObject
            {
                ["cgPlugin"] = new JsonArray(
                    versions.SelectMany(v => v.Plugins.GroupBy(p => p.Name).Select(g => (JsonNode)new JsonObject
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
            // the SDK guide names software by name (name / cgNames) instead
            foreach (var n in SoftwareNames(r)) ids.Add(SoftwareByName(r, n).CgId);
            if (ids.Count == 0) throw EmuRequest.Missing("cgId");
            // v1's getRenderEnv has no osName and answers every OS; on the current path a missing osName is Windows
            int? os = r.PathSet == RbPathSet.V1 && !r.Has("osName") ? (int?)null : Os(r, "osName", 1);
            return new JsonArray(r.Store.RenderEnvs
                .Where(e => ids.Contains(e.CgId) && (os == null || e.Os == os))
                .Select(e => (JsonNode)e.ToJson()).ToArray());
        }

        private static IEnumerable<string> SoftwareNames(EmuRequest r)
        {
            if (r.OptStr("name") is string n && n.Trim().Length > 0) yield return n.Trim();
            if (r.Body.TryGetProperty("cgNames", out var list)
                && list.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var item in list.EnumerateArray())
                    if (item.ValueKind == System.Text.Json.JsonValueKind.String) yield return item.GetString()!;
        }

        private static EmuSoftware SoftwareByName(EmuRequest r, string name)
            => r.Store.Software.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)
                   || string.Equals(x.Name.Replace(" ", ""), name.Replace(" ", ""), StringComparison.OrdinalIgnoreCase))
               ?? throw new EmuError(RbCodes.ParameterInvalid, $"'{name}' is not a supported software.");

        /// <summary>The environment of that editName (names are unique in the account: delete and set-default take only
        /// the name).</summary>
        private static EmuRenderEnv Env(EmuRequest r)
        {
            var name = r.ReqStr("editName").Trim();
            return r.Store.RenderEnvs.FirstOrDefault(e => string.Equals(e.EditName, name, StringComparison.Ordinal))
                ?? r.Store.RenderEnvs.FirstOrDefault(
                    e => string.Equals(e.EditName, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EmuError(RbCodes.ResourceNotFound, $"There is no render environment named '{name}'.");
        }

        /// <summary>Reads add's and edit's body (the whole environment) into <paramref name="into"/>.</summary>
        private static void ReadEnv(EmuRequest r, EmuRenderEnv into)
        {
            var s = Software(r, r.ReqInt("cgId"));
            var cgName = r.ReqStr("cgName");
            if (!string.Equals(cgName, s.Name, StringComparison.Ordinal))
                throw new EmuError(
                    RbCodes.ParameterInvalid, $"cgName '{cgName}' does not match cgId {s.CgId} ({s.Name}).");
            if (!r.Has("renderSystem")) throw EmuRequest.Missing("renderSystem");
            var os = Os(r, "renderSystem", 1);
            var cgVersion = r.ReqStr("cgVersion");
            var version = VersionsOn(s, os).FirstOrDefault(v => v.Version == cgVersion)
                ?? throw new EmuError(
                    RbCodes.ParameterInvalid,
                    $"{s.Name} {cgVersion} is not available on {(os == 0 ? "Linux" : "Windows")}.");
            var plugins = new List<EmuPlugin>();
            foreach (var pid in r.LongList("pluginIds", required: false).Distinct())
            {
                plugins.Add(version.Plugins.FirstOrDefault(p => p.Id == pid)
                    ?? throw new EmuError(
                        RbCodes.ParameterInvalid, $"Plugin {pid} does not belong to {s.Name} {version.Version}."));
            }
            into.CgId = s.CgId;
            into.CgName = s.Name;
            into.CgVersion = version.Version;
            into.Os = os;
            into.RenderLayerType = r.OptInt("renderLayerType") ?? 0;
            into.ProjectPath = r.OptStr("projectPath") ?? "";
            into.Plugins = plugins;
        }

        private static bool HasDefault(EmuRequest r, int cgId, int os, EmuRenderEnv? except = null)
            => r.Store.RenderEnvs.Any(e => e != except && e.CgId == cgId && e.Os == os && e.IsDefault);

        /// <summary>Same body as add; editName names an existing environment. One default per software and OS stays
        /// one.</summary>
        private static JsonNode? EditUserPluginConfig(EmuRequest r)
        {
            var env = Env(r);
            var edited = new EmuRenderEnv { EditName = env.EditName };
            ReadEnv(r, edited);
            var moved = edited.CgId != env.CgId || edited.Os != env.Os;
            env.CgId = edited.CgId;
            env.CgName = edited.CgName;
            env.CgVersion = edited.CgVersion;
            env.Os = edited.Os;
            env.RenderLayerType = edited.RenderLayerType;
            env.ProjectPath = edited.ProjectPath;
            env.Plugins = edited.Plugins;
            if (moved) env.IsDefault = !HasDefault(r, env.CgId, env.Os, env);
            return null;
        }

        private static JsonNode? SetDefaultUserPluginConfig(EmuRequest r)
        {
            var env = Env(r);
            foreach (
                var other in r.Store.RenderEnvs.Where(
                e => e.CgId == env.CgId && e.Os == env.Os)) other.IsDefault = false;
            env.IsDefault = true;
            return null;
        }

        /// <summary>
        /// The documents say nothing of deleting the default; the emulator keeps one default per software and OS while
        /// others remain: it refuses (600) to delete a default that has siblings, and deletes a default that is the
        /// last.
        /// </summary>
        private static JsonNode? DeleteUserPluginConfig(EmuRequest r)
        {
            var env = Env(r);
            if (env.IsDefault && r.Store.RenderEnvs.Any(e => e != env && e.CgId == env.CgId && e.Os == env.Os))
                throw new EmuError(RbCodes.ParameterInvalid,
                    $"'{env.EditName}' is the default {env.CgName} render environment on {(env.Os == 0 ? "Linux" : "Windows")}; make another one the default first.");
            r.Store.RenderEnvs.Remove(env);
            return null;
        }

        private static JsonNode AddUserPluginConfig(EmuRequest r)
        {
            Software(r, r.ReqInt("cgId"));
            var name = r.ReqStr("editName").Trim();
            if (name.Length > 50) throw new EmuError(
                RbCodes.ParameterInvalid, "editName is longer than 50 characters.");
            if (r.Store.RenderEnvs.Any(e => string.Equals(e.EditName, name, StringComparison.OrdinalIgnoreCase)))
                throw new EmuError(RbCodes.ParameterInvalid, $"A render environment named '{name}' already exists.");
            var env = new EmuRenderEnv { EditName = name };
            ReadEnv(r, env);
            env.IsDefault = !r.Store.RenderEnvs.Any(e => e.CgId == env.CgId && e.Os == env.Os);
            r.Store.RenderEnvs.Add(env);
            return new JsonObject { ["editName"] = name };
        }
    }
}
