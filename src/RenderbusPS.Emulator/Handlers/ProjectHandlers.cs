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
    /// <summary>
    /// Projects (v1: labels). Names are unique under the main account (the documents: "名称唯一性"), compared without
    /// case; a duplicate answers 600, an unknown name 404, another account's project 605.
    /// </summary>
    internal static class ProjectHandlers
    {
        /// <summary>The permission code the documents list (605 insufficient permissions).</summary>
        private const int InsufficientPermissions = 605;

        public static void Register(IDictionary<RbOperation, EmuHandler> map)
        {
            map[RbCatalog.ListProjects] = ListProjects;
            map[RbCatalog.GetProjectList] = GetProjectList;
            map[RbCatalog.AddProject] = AddProject;
            map[RbCatalog.DeleteProject] = DeleteProject;
        }

        private static JsonObject Answer(IEnumerable<EmuProject> projects)
            => new JsonObject { ["projectNameList"] = new JsonArray(
                projects.Select(p => (JsonNode)p.ToJson()).ToArray()) };

        /// <summary>flag 0 own (the documented default), 1 own and the main account's, 2 all under the main
        /// account.</summary>
        private static JsonNode ListProjects(EmuRequest r)
        {
            var flag = r.OptInt("flag") ?? 0;
            if (flag < 0 || flag > 2) throw new EmuError(
                RbCodes.ParameterInvalid, $"flag {flag} must be 0 (own), 1 (own and main account) or 2 (all).");
            return Answer(r.Store.AccountProjects.Where(p => p.Owner == EmuProjectOwner.Own
                || (flag >= 1 && p.Owner == EmuProjectOwner.Main)
                || (flag == 2 && p.Owner == EmuProjectOwner.Sibling)));
        }

        /// <summary>The older list knows no flag: the account's own projects.</summary>
        private static JsonNode GetProjectList(EmuRequest r) => Answer(
            r.Store.AccountProjects.Where(p => p.Owner == EmuProjectOwner.Own));

        private static string Name(EmuRequest r, string field)
        {
            var name = r.ReqStr(field).Trim();
            if (name.Length > 50) throw new EmuError(
                RbCodes.ParameterInvalid, $"{field} is longer than 50 characters.");
            return name;
        }

        private static JsonNode? AddProject(EmuRequest r)
        {
            var name = Name(r, "newName");
            var status = r.OptInt("status") ?? 1;
            if (status != 0 && status != 1) throw new EmuError(
                RbCodes.ParameterInvalid, $"status {status} must be 0 (open) or 1 (closed).");
            if (r.Store.AccountProjects.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw new EmuError(RbCodes.ParameterInvalid, $"A project named '{name}' already exists.");
            r.Store.AddProject(name, EmuProjectOwner.Own).Status = status;
            return null;
        }

        private static JsonNode? DeleteProject(EmuRequest r)
        {
            var name = Name(r, "delName");
            var project = r.Store.AccountProjects.FirstOrDefault(
                p => string.Equals(p.Name, name, StringComparison.Ordinal))
                ?? r.Store.AccountProjects.FirstOrDefault(
                    p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EmuError(RbCodes.ResourceNotFound, $"There is no project named '{name}'.");
            if (project.Owner != EmuProjectOwner.Own)
                throw new EmuError(
                    InsufficientPermissions,
                    $"Project '{project.Name}' belongs to another account under the main account; only its owner can delete it.");
            r.Store.AccountProjects.Remove(project);
            return null;
        }
    }
}
