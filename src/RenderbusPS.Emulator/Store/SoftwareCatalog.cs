using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace RenderbusPS.Emulator.Store
{
    internal sealed class EmuPlugin
    {
        public long Id;
        public string Name = "";
        public string Version = "";

        public JsonObject ToJson() =>
            new JsonObject { ["pluginId"] = Id, ["pluginName"] = Name, ["pluginVersion"] = Version };
    }

    internal sealed class EmuSoftwareVersion
    {
        public long Id;
        public string Version = "";
        public readonly List<EmuPlugin> Plugins = new List<EmuPlugin>();
    }

    internal sealed class EmuSoftware
    {
        public int CgId;
        public string Name = "";
        public string FileTypes = "";
        public string Icon = "";
        public bool Linux;
        public int NeedsProjectPath;
        public int NeedsAnalysis = 1;
        public readonly List<EmuSoftwareVersion> Versions = new List<EmuSoftwareVersion>();
    }

    internal sealed class EmuRenderEnv
    {
        public int CgId;
        public string CgName = "";
        public string CgVersion = "";
        public string EditName = "";
        public int Os;
        public int RenderLayerType;
        public bool IsDefault;
        public string ProjectPath = "";
        public List<EmuPlugin> Plugins = new List<EmuPlugin>();

        public JsonObject ToJson() => new JsonObject
        {
            ["cgId"] = CgId,
            ["editName"] = EditName,
            ["cgName"] = CgName,
            ["cgVersion"] = CgVersion,
            ["osName"] = Os,
            ["renderLayerType"] = RenderLayerType,
            ["isDefault"] = IsDefault ? 1 : 0,
            ["projectPath"] = ProjectPath,
            ["isMainUserId"] = 1,
            ["respUserPluginInfoVos"] = new JsonArray(Plugins.Select(p => (JsonNode)p.ToJson()).ToArray()),
        };
    }

    /// <summary>The farm's software and plugin catalog: fixed, the same for every seed.</summary>
    internal static class SoftwareCatalog
    {
        public const int DefaultCgId = 2001;

        public static List<EmuSoftware> Build()
        {
            long versionId = 100;
            long pluginId = 1100;
            var list = new List<EmuSoftware>();

            EmuSoftware Add(
                int cgId, string name, string types, string icon, bool linux, int needsProject, string[] versions,
                params (string plugin, string[] pluginVersions)[] plugins)
            {
                var s = new EmuSoftware { CgId = cgId, Name = name, FileTypes = types, Icon = "/img/softimage/" + icon
                    + ".png", Linux = linux, NeedsProjectPath = needsProject };
                foreach (var v in versions)
                {
                    var sv = new EmuSoftwareVersion { Id = versionId++, Version = v };
                    foreach (var (plugin, pvs) in plugins)
                    {
                        foreach (var pv in pvs) sv.Plugins.Add(
                            new EmuPlugin { Id = pluginId++, Name = plugin, Version = plugin + " " + pv });
                    }
                    s.Versions.Add(sv);
                }
                list.Add(s);
                return s;
            }

            Add(2000, "Maya", "ma;mb", "maya", true, 1, new[] { "2019", "2020", "2022", "2023", "2024" },
                ("mtoa", new[] { "4.2.1", "5.3.0" }), ("redshift", new[] { "3.5.16" }), (
                    "vrayformaya", new[] { "5.20.02", "6.10.01" }), ("yeti", new[] { "4.1.1" }));
            Add(2001, "3ds Max", "max", "max", false, 1, new[] { "2019", "2020", "2021", "2022", "2023", "2024" },
                ("vray", new[] { "5.20.02", "6.10.08" }), ("corona", new[] { "9", "10" }),
                    ("forestpack", new[] { "8.1.0" }), ("railclone", new[] { "6.1.0" }));
            Add(2004, "Houdini", "hip;hipnc;hiplc", "houdini", true, 2, new[] { "18.5", "19.0", "19.5", "20.0" },
                ("redshift", new[] { "3.5.16" }), ("renderman", new[] { "24.4", "25.2" }), ("htoa", new[] { "6.2.1" }));
            Add(2005, "Cinema 4D", "c4d", "cinema-4D", false, 1, new[] { "R25", "2023", "2024" },
                ("redshift", new[] { "3.5.16" }), ("octane", new[] { "2022.1" }), ("c4dtoa", new[] { "4.6.1" }));
            Add(2007, "Blender", "blend", "blender", true, 1, new[] { "3.6", "4.1", "4.2" });
            Add(2008, "V-Ray Standalone", "vrscene", "VR-standalone", false, 3, new[] { "5.2", "6.1" });
            Add(2013, "Clarisse", "project;render", "clarisse", true, 3, new[] { "5.0" });
            Add(2015, "Nuke", "nk", "nuke", true, 1, new[] { "13.2", "14.1" });
            Add(2016, "Katana", "katana", "katana", true, 1, new[] { "5.0", "6.0" }, ("renderman", new[] { "25.2" }),
                ("3delight", new[] { "2.9" }));
            return list;
        }

        public static JsonObject SoftwareJson(EmuSoftware s) => new JsonObject
        {
            ["cgId"] = s.CgId,
            ["cgName"] = s.Name,
            ["cgType"] = s.FileTypes,
            ["iconPath"] = s.Icon,
            ["isNeedProjectPath"] = s.NeedsProjectPath,
            ["isNeedAnalyse"] = s.NeedsAnalysis,
            ["isSupportLinux"] = s.Linux ? 1 : 0,
        };
    }
}
