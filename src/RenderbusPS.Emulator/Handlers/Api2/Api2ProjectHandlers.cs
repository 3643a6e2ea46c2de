using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using RenderbusPS.Emulator.Store;

namespace RenderbusPS.Emulator.Handlers.Api2
{
    /// <summary>
    /// Projects with their software configurations (query_project, create_project, operate_project) over the projects
    /// REST lists, and the farm's software (query_plugin) from the catalog REST serves.
    /// </summary>
    internal static class Api2ProjectHandlers
    {
        public static void Register(IDictionary<string, Api2Handler> map)
        {
            map["query_project"] = QueryProject;
            map["query_plugin"] = QueryPlugin;
            map["create_project"] = CreateProject;
            map["operate_project"] = OperateProject;
        }

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static JsonObject List(IEnumerable<JsonNode> items)
        {
            var data = new JsonArray(items.ToArray());
            return new JsonObject { ["total_size"] = Text(data.Count), ["data"] = data };
        }

        private static JsonObject QueryProject(Api2Request r)
        {
            var s = r.Store;
            var owner = r.Text("sub_account");
            var subs = r.Int("is_sub_included") == 1;
            var found = s.AccountProjects.Where(p => owner != null ? s.OwnerOf(p) == owner
                : s.OwnerOf(p) == s.UserName || subs);
            if (r.Long("project_id") is long id) found = found.Where(p => p.Id == id);
            if (r.Text("project_name") is string name) found = found.Where(p => p.Name == name);
            if (r.Text("project_path") is string path) found = found.Where(p => s.DetailsOf(p).Path == path);
            if (r.Text("render_os") is string os) found = found.Where(p => s.DetailsOf(p).Os == os);
            if (r.Text("user_remark") is string remark) found = found.Where(p => Has(s.DetailsOf(p).Remark, remark));
            // a project matches when one of its configurations matches every configuration filter
            var soft = r.Text("cg_soft_name");
            var plugin = r.Text("plugin_name");
            var isDefault = r.Int("is_default");
            if (soft != null || plugin != null || isDefault != null)
                found = found.Where(p => s.DetailsOf(p).Configs.Any(c => (soft == null || Has(c.Software, soft))
                    && (plugin == null || c.Plugins.Split(',').Contains(plugin)) && (isDefault == null
                        || c.IsDefault == (isDefault == 1))));
            return List(found.ToList().Select(p => (JsonNode)Project(s, p)));
        }

        private static bool Has(string text, string part) => text.IndexOf(part,
            StringComparison.OrdinalIgnoreCase) >= 0;

        private static JsonObject Project(EmuStore s, EmuProject p)
        {
            var d = s.DetailsOf(p);
            return new JsonObject
            {
                ["project_id"] = Text(p.Id),
                ["project_name"] = p.Name,
                ["project_path"] = d.Path,
                ["render_os"] = d.Os,
                ["user_remark"] = d.Remark,
                ["customer_name"] = s.OwnerOf(p),
                ["create_time"] = EmuStore.WallClock(d.CreatedMs),
                ["plugins"] = new JsonArray(d.Configs.Select(c => (JsonNode)new JsonObject
                {
                    ["config_id"] = Text(c.Id),
                    ["cg_soft_name"] = c.Software,
                    ["plugin_name"] = c.Plugins,
                    ["is_default"] = c.IsDefault ? "1" : "0",
                }).ToArray()),
            };
        }

        /// <summary>One item per software version and plugin version ("maya 2020", "vray 5.10.02").</summary>
        private static JsonObject QueryPlugin(Api2Request r)
        {
            var soft = r.Text("cg_soft_name");
            var plugin = r.Text("plugin_name");
            var items = new List<JsonNode>();
            foreach (var software in r.Store.Software)
            {
                foreach (var version in software.Versions)
                {
                    var name = software.Name + " " + version.Version;
                    if (soft != null && !Has(name, soft)) continue;
                    var plugins = version.Plugins.Select(p => p.Version).ToList(); // "mtoa 4.2.1": the name is in it
                    if (plugin != null && !plugins.Contains(plugin)) continue;
                    items.Add(new JsonObject { ["cg_soft_name"] = name, ["plugin_name"] = string.Join(",", plugins) });
                }
            }
            return List(items);
        }

        private static string Owner(Api2Request r)
        {
            var owner = r.Text("sub_account") ?? r.Account;
            if (!r.Store.IsAccount(owner))
                throw new Api2Error(1022,
                    $"illegal value: body.sub_account '{owner}' is not this account or one of its sub-accounts.");
            return owner;
        }

        private static void CheckName(string name)
        {
            if (!name.All(c => c < 0x80 && char.IsLetterOrDigit(c)))
                throw new Api2Error(1024,
                    $"illegal characters be contained: body.project_name '{name}' may hold only digits and letters.");
        }

        private static JsonObject CreateProject(Api2Request r)
        {
            var s = r.Store;
            var name = r.Text("project_name")!;
            CheckName(name);
            var owner = Owner(r);
            if (s.AccountProjects.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                return new JsonObject { ["project_id"] = "", ["create_result"] = "1",
                    ["description"] = $"A project named '{name}' already exists." };
            var project = s.AddProject(name, owner == s.UserName ? EmuProjectOwner.Own : EmuProjectOwner.Sibling);
            var d = s.DetailsOf(project);
            d.Path = r.Text("project_path") ?? "";
            d.Os = r.Text("render_os") ?? "Windows";
            d.Remark = r.Text("user_remark") ?? "";
            d.CreatedMs = r.NowMs;
            return new JsonObject { ["project_id"] = Text(project.Id), ["create_result"] = "0", ["description"] = "" };
        }

        private static JsonObject Refused(string why) => new JsonObject { ["operate_result"] = "1",
            ["description"] = why };

        private static JsonObject OperateProject(Api2Request r)
        {
            var s = r.Store;
            var id = r.Long("project_id")!.Value;
            var newName = r.Text("project_name");
            if (newName != null) CheckName(newName);
            var owner = Owner(r);
            var project = s.AccountProjects.FirstOrDefault(p => p.Id == id && s.OwnerOf(p) == owner);
            if (project == null) return Refused($"Project {id} does not exist for {owner}.");
            var d = s.DetailsOf(project);
            var type = r.Int("operate_type");
            var configId = r.Long("config_id");
            var soft = r.Text("cg_soft_name");
            var config = configId == null ? null : d.Configs.FirstOrDefault(c => c.Id == configId);
            // every refusal comes before the first change
            if (newName != null && s.AccountProjects.Any(p => p != project && string.Equals(p.Name, newName,
                StringComparison.OrdinalIgnoreCase)))
                return Refused($"A project named '{newName}' already exists.");
            if ((type == 0 || type == 1)
                && soft == null) return Refused("cg_soft_name is needed to add or modify a configuration.");
            if (type == 1 && config == null) return Refused($"Configuration {configId} does not exist in project "
                + $"{id}.");
            if (type == 2 && configId != null
                && config == null) return Refused($"Configuration {configId} does not exist in project {id}.");
            var plugins = r.Text("plugin_name");
            if (plugins != null && plugins.Split(',').Select(p => p.Trim().Split(' ')[0]).GroupBy(n => n,
                StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
                return Refused("plugin_name names one plugin twice: at most one version of each plugin.");
            if (newName != null) project.Name = newName;
            if (r.Text("project_path") is string path) d.Path = path;
            if (r.Text("render_os") is string os) d.Os = os;
            if (r.Text("user_remark") is string remark) d.Remark = remark;
            var makeDefault = r.Int("is_default") == 1;
            if (type == 0) d.Configs.Add(config = new EmuProjectConfig { Id = s.NextConfigId++ });
            if (type == 0 || type == 1)
            {
                config!.Software = soft!;
                // an empty plugin_name on a change clears the plugins; an absent one keeps them
                if (plugins != null || type == 0 || r.Body.TryGetProperty("plugin_name", out _))
                    config.Plugins = plugins ?? "";
                if (makeDefault) foreach (var c in d.Configs) c.IsDefault = c == config;
                else if (r.Int("is_default") == 0) config.IsDefault = false;
            }
            if (type == 2)
            {
                // no config_id deletes every configuration, as the document says
                if (config == null) d.Configs.Clear();
                else d.Configs.Remove(config);
            }
            return new JsonObject { ["operate_result"] = "0", ["description"] = "" };
        }
    }
}
