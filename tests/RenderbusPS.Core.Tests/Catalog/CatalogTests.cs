using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Tests;

public class CatalogTests
{
    // Every path of the current path set in API-NOTES.md.
    private static readonly string[] ApiNotesPaths =
    {
        "/api/render/common/queryPlatforms", "/api/render/setUp/queryUserProfile", "/api/render/setUp/queryUserSetting",
        "/api/render/setUp/updateUserSetting", "/api/render/transfer/getBid", "/api/render/transfer/getConfig",
        "/api/render/transfer/getServerInfo", "/api/render/transfer/getRaySyncUserKey", "/api/render/hardwareConfig/list",
        "/api/render/submit/getUserPackNodeInfo", "/api/render/handle/operate/sdk/taskRecord", "/api/render/handle/operate/sdk/loginRecord",
        "/api/render/submit/createTask", "/api/render/submit/taskJsonFile", "/api/render/submit/task", "/api/render/submit/queryAnalyseErrorDetail",
        "/api/render/handle/getTaskList/v2", "/api/render/handle/queryTaskInfo/v2", "/api/rendering/task/renderingTask/stopTask",
        "/api/rendering/task/renderingTask/startTask", "/api/rendering/task/renderingTask/updateTaskUserLevel", "/api/render/handle/abandonTask",
        "/api/render/handle/deleteTask", "/api/render/handle/setTaskOverTimeStop", "/api/render/handle/fullSpeedRendering",
        "/api/render/handle/updateTaskLimit", "/api/render/handle/editTaskHardwareConfig", "/api/render/handle/addTaskLabel",
        "/api/render/handle/deleteTaskLabel", "/api/render/handle/loadTaskProcessImg", "/api/render/file/operate/getOutputUserDirFile",
        "/api/render/handle/queryTaskFrames", "/api/render/handle/queryAllFrameStats", "/api/render/handle/recommitTasks",
        "/api/render/handle/recommitTaskFrames", "/api/render/handle/stopTaskFrames", "/api/render/handle/loadingFrameThumbnail",
        "/api/render/handle/showLog", "/api/render/project/add", "/api/render/project/delete", "/api/render/project/getList",
        "/api/render/project/list", "/api/render/plugin/querySoftwareList", "/api/render/plugin/querySoftwareDetail",
        "/api/render/plugin/addUserPluginConfig", "/api/render/plugin/editUserPluginConfig", "/api/render/plugin/deleteUserPluginConfig",
        "/api/render/plugin/setDefaultUserPluginConfig", "/api/render/plugin/getUserPluginConfig",
    };

    [Fact]
    public void The_catalog_holds_every_current_path_of_the_api_notes_exactly_once()
    {
        var paths = RbCatalog.All.Select(o => o.Path).ToList();
        Assert.Equal(
            ApiNotesPaths.OrderBy(p => p, StringComparer.Ordinal), paths.OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(paths.Count, paths.Distinct().Count());
        Assert.Equal(RbCatalog.All.Count, RbCatalog.All.Select(o => o.Name).Distinct().Count());
    }

    [Fact]
    public void Lists_page_within_the_service_limit()
    {
        Assert.All(RbCatalog.All.Where(o => o.IsPaged), o => Assert.InRange(o.MaxPageSize, 1, 100));
        Assert.Contains(RbCatalog.All, o => o.IsPaged);
    }

    /// <summary>
    /// Every operation has a repeat class, and the class follows what the documents say it does: an operation that
    /// creates something (create*, add* but a label, which is set on tasks), submits, or renders frames again
    /// (recommit*, billed again) acts twice when sent twice; reads change nothing; every other write sets a state.
    /// </summary>
    [Fact]
    public void Every_operation_has_the_repeat_class_its_effect_gives_it()
    {
        static bool ActsAgain(RbOperation o) => o.Name.StartsWith("create") || o.Name.StartsWith("submit")
            || o.Name.StartsWith("recommit") || (o.Name.StartsWith("add") && o.Name != "addTaskLabel");
        foreach (var op in RbCatalog.All)
        {
            Assert.True(Enum.IsDefined(typeof(RbRepeat), op.Repeat), op.Name);
            var looksRead = op.Name.StartsWith("get") || op.Name.StartsWith("query") || op.Name.StartsWith("list")
                || op.Name.StartsWith("load") || op.Name.EndsWith("Record") || op.Name == "showLog"
                    || op.Name == "hardwareConfigList";
            var expected = looksRead ? RbRepeat.Read : ActsAgain(op) ? RbRepeat.NonIdempotentWrite
                : RbRepeat.IdempotentWrite;
            Assert.True(expected == op.Repeat, $"{op.Name} is {op.Repeat}, expected {expected}");
            if (op.IsRead) Assert.Equal(RbEffect.None, op.Effects);
        }
        Assert.Contains(RbCatalog.All, o => o.Repeat == RbRepeat.NonIdempotentWrite);
        Assert.Contains(RbCatalog.All, o => o.Repeat == RbRepeat.IdempotentWrite);
    }

    [Fact]
    public void Id_list_operations_name_their_field_and_a_limit_of_at_most_100()
    {
        var batchable = RbCatalog.All.Where(o => o.IsBatchable).ToList();
        Assert.Contains(RbCatalog.StopTask, batchable);
        Assert.Contains(RbCatalog.StartTask, batchable);
        Assert.Contains(RbCatalog.QueryTaskInfo, batchable);
        Assert.Contains(RbCatalog.StopTaskFrames, batchable);
        // task operations carry task ids; the frame actions carry the frame ids of one task
        Assert.All(
            batchable,
            o => { Assert.Equal(
            o.Area == "Frames" && o != RbCatalog.RecommitTasks ? "ids" : "taskIds",
            o.IdListField); Assert.InRange(o.MaxIds, 1, 100); });
    }

    [Fact]
    public void Lookup_by_path_finds_both_path_sets_and_names_follow_the_path()
    {
        Assert.Same(RbCatalog.GetTaskList, RbCatalog.FindByPath("/api/render/handle/getTaskList/v2"));
        Assert.Same(RbCatalog.GetTaskList, RbCatalog.FindByPath("/api/render/task/getTaskList"));
        Assert.Equal("getTaskList", RbCatalog.GetTaskList.Name);
        Assert.Equal("/api/render/task/stopTask", RbCatalog.StopTask.PathFor(RbPathSet.V1));
        Assert.Null(RbCatalog.FindByPath("/api/render/none"));
        Assert.Equal("2.0.0", RbOperation.VersionHeaderFor(RbPathSet.Current));
        Assert.Equal("1.0.0", RbOperation.VersionHeaderFor(RbPathSet.V1));
    }

    [Fact]
    public void Code_names_are_stable()
    {
        Assert.Equal("SignatureInvalid", RbCodes.NameOf(611));
        Assert.Equal("SignatureExpired", RbCodes.NameOf(610));
        Assert.Equal("UserAreaError", RbCodes.NameOf(608));
        Assert.Equal("AccountError850", RbCodes.NameOf(850));
        Assert.Equal("Code12345", RbCodes.NameOf(12345));
    }
}
