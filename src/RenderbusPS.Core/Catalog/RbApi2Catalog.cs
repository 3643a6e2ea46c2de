using System;
using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>The wire protocols a session can speak.</summary>
    public enum RbApiProtocol
    {
        /// <summary>The signed REST API (either path set): the default.</summary>
        Rest = 0,
        /// <summary>The older API 2.0: one URL, an account name and an access key in every request's body.</summary>
        Api2 = 1,
    }

    /// <summary>
    /// One action of the older API 2.0: every action is posted to one URL and named in the request's
    /// <c>head.action</c>. Its <see cref="Operation"/> is what the transport sends and retries by.
    /// </summary>
    internal sealed class RbApi2Action
    {
        internal RbApi2Action(string name, string area, RbRepeat repeat, string standsFor, bool paged = false,
            RbEffect effects = RbEffect.None)
        {
            Name = name;
            Area = area;
            StandsFor = standsFor;
            Operation = new RbOperation(name, area, RbApi2Catalog.Path, RbApi2Catalog.V1Path, repeat,
                paged ? RbApi2Catalog.PageLimit : 0, null, 0, effects);
        }

        /// <summary>The wire name (<c>query_task</c>).</summary>
        public string Name { get; }

        /// <summary>Account, Tasks, Projects or Software, as in <see cref="RbCatalog"/>.</summary>
        public string Area { get; }

        /// <summary>The REST operations doing the same job (API2-NOTES §4), or "none".</summary>
        public string StandsFor { get; }

        /// <summary>The operation the transport sends: its name, repeat class and effects.</summary>
        public RbOperation Operation { get; }

        public RbRepeat Repeat => Operation.Repeat;
        public bool IsPaged => Operation.IsPaged;

        public override string ToString() => Name;
    }

    /// <summary>
    /// The 14 actions of API 2.0 (seed 004; API2-NOTES.md §2) with their repeat classes. Creating and restarting act
    /// again when repeated; stopping, deleting and setting do not.
    /// </summary>
    internal static class RbApi2Catalog
    {
        /// <summary>The path the document gives.</summary>
        public const string Path = "/api/v2/task/";

        /// <summary>The path the public clients post to.</summary>
        public const string V1Path = "/api/v1/task";

        /// <summary>Largest page query_task serves (its default page size).</summary>
        public const int PageLimit = 100;

        /// <summary>Longest <c>task_id</c> text of operate_task (a comma list).</summary>
        public const int TaskIdTextLimit = 256;

        /// <summary>Most scene paths one create action takes (one task each).</summary>
        public const int MaxScenePaths = 100;

        private const RbEffect Status = RbEffect.TaskStatus | RbEffect.FrameStatus;

        private static RbApi2Action Create(string name, string standsFor = "createTask + taskJsonFile + submitTask")
            => new RbApi2Action(name, "Tasks", RbRepeat.NonIdempotentWrite, standsFor, effects: RbEffect.TaskListing);

        public static readonly RbApi2Action CreateTask = Create("create_task");
        public static readonly RbApi2Action QueryTask = new RbApi2Action("query_task", "Tasks", RbRepeat.Read,
            "getTaskList, queryTaskInfo, queryTaskFrames", paged: true);
        public static readonly RbApi2Action OperateTask = new RbApi2Action("operate_task", "Tasks",
            RbRepeat.IdempotentWrite, "stopTask, recommitTasks, deleteTask, setTaskOverTimeStop, updateTaskUserLevel",
            effects: Status | RbEffect.TaskListing);
        public static readonly RbApi2Action QueryProject = new RbApi2Action("query_project", "Projects", RbRepeat.Read,
            "project/list, getUserPluginConfig");
        public static readonly RbApi2Action QueryPlugin = new RbApi2Action("query_plugin", "Software", RbRepeat.Read,
            "querySoftwareList, querySoftwareDetail");
        public static readonly RbApi2Action CreateProject = new RbApi2Action("create_project", "Projects",
            RbRepeat.NonIdempotentWrite, "project/add");
        public static readonly RbApi2Action OperateProject = new RbApi2Action("operate_project", "Projects",
            RbRepeat.IdempotentWrite, "add/edit/delete/setDefaultUserPluginConfig");
        public static readonly RbApi2Action QueryCustomer = new RbApi2Action("query_customer", "Account",
            RbRepeat.Read, "queryUserProfile");
        public static readonly RbApi2Action UpdateCustomer = new RbApi2Action("update_customer", "Account",
            RbRepeat.IdempotentWrite, "none");
        public static readonly RbApi2Action CreateMaxTask = Create("create_max_task");
        public static readonly RbApi2Action CreateSketchUpTask = Create("create_sketchup_task");
        public static readonly RbApi2Action CreateVRStandaloneTask = Create("create_vrstandalone_task");
        public static readonly RbApi2Action CreateHoudiniTask = Create("create_houdini_task");
        public static readonly RbApi2Action CreateBlenderTask = Create("create_blender_task");

        /// <summary>operate_task with <c>operate_order</c> 1: restarting frames renders (and bills) again.</summary>
        public static readonly RbApi2Action OperateTaskRestart = new RbApi2Action("operate_task", "Tasks",
            RbRepeat.NonIdempotentWrite, "recommitTasks", effects: Status);

        /// <summary>operate_project with <c>operate_type</c> 0: adding a configuration twice adds two.</summary>
        public static readonly RbApi2Action OperateProjectAdd = new RbApi2Action("operate_project", "Projects",
            RbRepeat.NonIdempotentWrite, "addUserPluginConfig");

        private static readonly RbApi2Action[] all =
        {
            CreateTask, QueryTask, OperateTask, QueryProject, QueryPlugin, CreateProject, OperateProject,
            QueryCustomer, UpdateCustomer, CreateMaxTask, CreateSketchUpTask, CreateVRStandaloneTask,
            CreateHoudiniTask, CreateBlenderTask,
        };

        /// <summary>The 14 actions, in the document's order (the two variants above are not in it).</summary>
        public static IReadOnlyList<RbApi2Action> All => all;

        /// <summary>The action of that wire name, or null.</summary>
        public static RbApi2Action? Find(string? name)
            => all.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

        /// <summary>True for an operation of an API 2.0 action (the transport sends them to API 2.0's one
        /// path).</summary>
        internal static bool Owns(RbOperation op) => op.Path == Path;

        /// <summary>The error for an operation the session's protocol does not have: nothing was sent.</summary>
        internal static RbValidationException NotInProtocol(RbOperation op, RbApiProtocol sessionProtocol)
            => sessionProtocol == RbApiProtocol.Api2
                ? new RbValidationException("Rb.NotInProtocol",
                    $"{op.Name} is not part of API 2.0, which this session speaks; nothing was sent.", "Session",
                    "Connect a REST session for it (Connect-Renderbus with an access id and key, without -Protocol "
                        + "Api2) "
                    + "and pass it with -Session.", op.Name)
                : new RbValidationException("Rb.NotInProtocol",
                    $"{op.Name} is an API 2.0 action and this session speaks the REST API; nothing was sent.",
                        "Session",
                    "Connect an API 2.0 session for it (Connect-Renderbus -Protocol Api2 with the account name and "
                        + "key).",
                    op.Name);

        /// <summary>True for the paths the protocol is posted to (with or without a trailing slash).</summary>
        public static bool IsPath(string path)
        {
            var p = path.TrimEnd('/');
            return p == Path.TrimEnd('/') || p == V1Path.TrimEnd('/');
        }
    }
}
