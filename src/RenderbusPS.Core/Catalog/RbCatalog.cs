using System;
using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>
    /// The single table of every operation. The client sends through it, the emulator routes through it,
    /// the coverage test walks it, and the retry policy reads each operation's repeat class from it.
    /// </summary>
    public static class RbCatalog
    {
        private const string Common = "/api/render/common/";
        private const string SetUp = "/api/render/setUp/";
        private const string Xfer = "/api/render/transfer/";
        private const string Submit = "/api/render/submit/";
        private const string Handle = "/api/render/handle/";
        private const string Rendering = "/api/rendering/task/renderingTask/";
        private const string Plugin = "/api/render/plugin/";
        private const string Project = "/api/render/project/";
        private const string V1Common = "/api/render/common/";
        private const string V1User = "/api/render/user/";
        private const string V1Task = "/api/render/task/";

        /// <summary>Most task ids one bulk call carries.</summary>
        public const int TaskIdLimit = 100;

        /// <summary>Most frame ids one frame action (recommitTaskFrames, stopTaskFrames) carries.</summary>
        public const int FrameIdLimit = 100;

        /// <summary>Largest page the list endpoints serve.</summary>
        public const int PageLimit = 100;

        private static RbOperation Read(string area, string path, string? v1 = null, int page = 0, string? ids = null,
            int max = 0, string? name = null)
            => new RbOperation(name ?? NameOf(path), area, path, v1, RbRepeat.Read, page, ids, max);

        // A write sets a state (idempotent) unless it says once: it creates, submits or renders again (and bills)
        private static RbOperation Write(
            string area, string path, string? v1 = null, bool once = false, string? ids = null,
            int max = 0, string? name = null, RbEffect effects = RbEffect.None)
            => new RbOperation(name ?? NameOf(path), area, path, v1,
                once ? RbRepeat.NonIdempotentWrite : RbRepeat.IdempotentWrite, 0, ids, max, effects);

        private const RbEffect Status = RbEffect.TaskStatus | RbEffect.FrameStatus;

        private static string NameOf(string path)
        {
            var parts = path.Split('/');
            var last = parts[parts.Length - 1];
            // "/getTaskList/v2" is named by the segment before the version suffix
            return last.Length <= 3 && last.StartsWith("v", StringComparison.Ordinal) ? parts[parts.Length - 2] : last;
        }

        public static readonly RbOperation QueryPlatforms = Read(
            "Account", Common + "queryPlatforms", V1Common + "queryPlatforms");
        public static readonly RbOperation QueryUserProfile = Read(
            "Account", SetUp + "queryUserProfile", V1User + "queryUserProfile");
        public static readonly RbOperation QueryUserSetting = Read(
            "Account", SetUp + "queryUserSetting", V1User + "queryUserSetting");
        public static readonly RbOperation UpdateUserSetting = Write(
            "Account", SetUp + "updateUserSetting", V1User + "updateUserSetting");
        public static readonly RbOperation GetBid = Read("Transfer", Xfer + "getBid", V1Task + "getTransferBid");
        public static readonly RbOperation GetTransferConfig = Read("Transfer", Xfer + "getConfig");
        public static readonly RbOperation GetServerInfo = Read(
            "Transfer", Xfer + "getServerInfo", V1Task + "getTransferServerMsg");
        public static readonly RbOperation GetRaySyncUserKey = Read(
            "Transfer", Xfer + "getRaySyncUserKey", V1User + "getRaySyncUserKey");
        public static readonly RbOperation HardwareConfigList = Read(
            "Account", "/api/render/hardwareConfig/list", ids: "taskIds", max: TaskIdLimit, name: "hardwareConfigList");
        public static readonly RbOperation GetUserPackNodeInfo = Read("Account", Submit + "getUserPackNodeInfo");
        public static readonly RbOperation TaskRecord = Read(
            "Account", Handle + "operate/sdk/taskRecord", page: PageLimit);
        public static readonly RbOperation LoginRecord = Read(
            "Account", Handle + "operate/sdk/loginRecord", page: PageLimit);

        public static readonly RbOperation CreateTask = Write(
            "Submit", Submit + "createTask", V1Task + "createTask", once: true, effects: RbEffect.TaskListing);
        public static readonly RbOperation TaskJsonFile = Write("Submit", Submit + "taskJsonFile");
        public static readonly RbOperation SubmitTask = Write(
            "Submit", Submit + "task", V1Task + "submitTask", once: true, name: "submitTask",
            effects: Status | RbEffect.TaskListing);
        public static readonly RbOperation QueryAnalyseErrorDetail = Read(
            "Submit", Submit + "queryAnalyseErrorDetail", V1Common + "queryErrorDetail");

        public static readonly RbOperation GetTaskList = Read(
            "Tasks", Handle + "getTaskList/v2", V1Task + "getTaskList", page: PageLimit);
        public static readonly RbOperation QueryTaskInfo = Read(
            "Tasks", Handle + "queryTaskInfo/v2", V1Task + "queryTaskInfo", ids: "taskIds", max: TaskIdLimit);
        public static readonly RbOperation StopTask = Write(
            "Tasks", Rendering + "stopTask", V1Task + "stopTask", ids: "taskIds", max: TaskIdLimit, effects: Status);
        public static readonly RbOperation StartTask = Write(
            "Tasks", Rendering + "startTask", V1Task + "startTask", ids: "taskIds", max: TaskIdLimit, effects: Status);
        public static readonly RbOperation UpdateTaskUserLevel = Write("Tasks", Rendering + "updateTaskUserLevel");
        public static readonly RbOperation AbandonTask = Write(
            "Tasks", Handle + "abandonTask", V1Task + "abortTask", ids: "taskIds", max: TaskIdLimit, effects: Status);
        public static readonly RbOperation DeleteTask = Write(
            "Tasks", Handle + "deleteTask", V1Task + "deleteTask", ids: "taskIds", max: TaskIdLimit,
            effects: RbEffect.TaskListing);
        public static readonly RbOperation SetTaskOverTimeStop = Write(
            "Tasks", Handle + "setTaskOverTimeStop", V1Task + "setOverTimeStop", ids: "taskIds", max: TaskIdLimit);
        public static readonly RbOperation FullSpeedRendering = Write(
            "Tasks", Handle + "fullSpeedRendering", V1Task + "fullSpeed", ids: "taskIds", max: TaskIdLimit);
        public static readonly RbOperation UpdateTaskLimit = Write("Tasks", Handle + "updateTaskLimit");
        public static readonly RbOperation EditTaskHardwareConfig = Write(
            "Tasks", Handle + "editTaskHardwareConfig", ids: "taskIds", max: TaskIdLimit);
        public static readonly RbOperation AddTaskLabel = Write(
            "Tasks", Handle + "addTaskLabel", V1Task + "addTaskLabel", ids: "taskIds", max: TaskIdLimit);
        public static readonly RbOperation DeleteTaskLabel = Write(
            "Tasks", Handle + "deleteTaskLabel", V1Task + "deleteTaskLabel", ids: "taskIds", max: TaskIdLimit);
        public static readonly RbOperation LoadTaskProcessImg = Read(
            "Tasks", Handle + "loadTaskProcessImg", V1Task + "loadTaskProcessImg");
        public static readonly RbOperation GetOutputUserDirFile = Read(
            "Tasks", "/api/render/file/operate/getOutputUserDirFile");

        public static readonly RbOperation QueryTaskFrames = Read(
            "Frames", Handle + "queryTaskFrames", V1Task + "queryTaskFrames", page: PageLimit);
        public static readonly RbOperation QueryAllFrameStats = Read(
            "Frames", Handle + "queryAllFrameStats", V1Task + "queryAllFrameStats");
        public static readonly RbOperation RecommitTasks = Write(
            "Frames", Handle + "recommitTasks", V1Task + "restartFailedFrames", once: true, ids: "taskIds",
            max: TaskIdLimit, effects: Status);
        public static readonly RbOperation RecommitTaskFrames = Write(
            "Frames", Handle + "recommitTaskFrames", V1Task + "restartFrame", once: true, ids: "ids",
            max: FrameIdLimit, effects: Status);
        public static readonly RbOperation StopTaskFrames = Write(
            "Frames", Handle + "stopTaskFrames", ids: "ids", max: FrameIdLimit, effects: Status);
        public static readonly RbOperation LoadingFrameThumbnail = Read(
            "Frames", Handle + "loadingFrameThumbnail", V1Task + "loadingFrameThumbnail");
        public static readonly RbOperation ShowLog = Read("Frames", Handle + "showLog", page: PageLimit);

        public static readonly RbOperation AddProject = Write(
            "Projects", Project + "add", V1Common + "addLabel", once: true, name: "addProject");
        public static readonly RbOperation DeleteProject = Write(
            "Projects", Project + "delete", V1Common + "deleteLabel", name: "deleteProject");
        public static readonly RbOperation GetProjectList = Read(
            "Projects", Project + "getList", V1Common + "getLabelList", name: "getProjectList");
        public static readonly RbOperation ListProjects = Read("Projects", Project + "list", name: "listProjects");

        public static readonly RbOperation QuerySoftwareList = Read(
            "Software", Plugin + "querySoftwareList", V1Common + "querySupportedSoftware");
        public static readonly RbOperation QuerySoftwareDetail = Read(
            "Software", Plugin + "querySoftwareDetail", V1Common + "querySupportedPlugin");
        public static readonly RbOperation AddUserPluginConfig = Write(
            "Software", Plugin + "addUserPluginConfig", V1Common + "addRenderEnv", once: true);
        public static readonly RbOperation EditUserPluginConfig = Write(
            "Software", Plugin + "editUserPluginConfig", V1Common + "updateRenderEnv");
        public static readonly RbOperation DeleteUserPluginConfig = Write(
            "Software", Plugin + "deleteUserPluginConfig", V1Common + "deleteRenderEnv");
        public static readonly RbOperation SetDefaultUserPluginConfig = Write(
            "Software", Plugin + "setDefaultUserPluginConfig", V1Common + "setDefaultRenderEnv");
        public static readonly RbOperation GetUserPluginConfig = Read(
            "Software", Plugin + "getUserPluginConfig", V1Common + "getRenderEnv");

        private static readonly RbOperation[] all = typeof(RbCatalog).GetFields()
            .Where(f => f.FieldType == typeof(RbOperation))
            .Select(f => (RbOperation)f.GetValue(null)!)
            .ToArray();

        private static readonly Dictionary<string, RbOperation> byPath = BuildPathIndex();

        /// <summary>Every operation, in declaration order.</summary>
        public static IReadOnlyList<RbOperation> All => all;

        /// <summary>The operation served at a path (either path set), or null.</summary>
        public static RbOperation? FindByPath(string path)
            => byPath.TryGetValue(path, out var op) ? op : null;

        /// <summary>The operation declared in the field of that name (as nameof(RbCatalog.StopTask) gives it), or
        /// null.</summary>
        public static RbOperation? FindByField(string fieldName)
            => typeof(RbCatalog).GetField(fieldName)?.GetValue(null) as RbOperation;

        /// <summary>The operation of that name, or null.</summary>
        public static RbOperation? FindByName(string name)
            => all.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));

        private static Dictionary<string, RbOperation> BuildPathIndex()
        {
            var map = new Dictionary<string, RbOperation>(StringComparer.Ordinal);
            foreach (var op in all)
            {
                map.Add(op.Path, op);
                if (op.V1Path != null && !map.ContainsKey(op.V1Path)) map.Add(op.V1Path, op);
            }
            return map;
        }
    }
}
