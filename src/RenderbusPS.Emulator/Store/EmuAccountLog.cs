using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>One task operation a request performed (taskRecord).</summary>
    internal sealed class EmuOperationRecord
    {
        public long TimeMs;
        public int Platform;
        public string Button = "";
        public string Details = "";
        public string[] Aliases = Array.Empty<string>();
        public string Uri = "";
        public string Param = "";
    }

    /// <summary>One login (loginRecord): every successful queryUserProfile counts as one, as the official client logs
    /// in with it.</summary>
    internal sealed class EmuLoginRecord
    {
        public long Id;
        public long TimeMs;
        public int Status = 200;
        public string Description = "登录成功";
    }

    /// <summary>
    /// The account's operation and login logs. The router records every task operation a request performed after its
    /// handler succeeded (the tasks by alias, the time from the farm's clock), the profile handler records logins.
    /// </summary>
    internal static class EmuAccountLog
    {
        /// <summary>The operations that act on tasks, with the button the web console names them by and what they
        /// did.</summary>
        private static readonly Dictionary<RbOperation, (string Button,
            string Details)> Actions = new Dictionary<RbOperation, (string, string)>
        {
            [RbCatalog.StopTask] = ("btn_stop", "Stop task"),
            [RbCatalog.StartTask] = ("btn_start", "Start task"),
            [RbCatalog.AbandonTask] = ("btn_abandon", "Abandon task"),
            [RbCatalog.DeleteTask] = ("btn_delete", "Delete task"),
            [RbCatalog.RecommitTasks] = ("btn_restart", "Restart failed frames"),
            [RbCatalog.RecommitTaskFrames] = ("btn_restart_frame", "Restart frames"),
            [RbCatalog.StopTaskFrames] = ("btn_stop_frame", "Stop frames"),
            [RbCatalog.SubmitTask] = ("btn_submit", "Submit task"),
            [RbCatalog.UpdateTaskUserLevel] = ("btn_priority", "Change task priority"),
            [RbCatalog.SetTaskOverTimeStop] = ("btn_overtime_stop", "Set time-out stop"),
            [RbCatalog.UpdateTaskLimit] = ("btn_task_limit", "Change machine limit"),
            [RbCatalog.FullSpeedRendering] = ("btn_full_speed", "Full speed rendering"),
            [RbCatalog.EditTaskHardwareConfig] = ("btn_hardware", "Change hardware configuration"),
            [RbCatalog.AddTaskLabel] = ("btn_add_label", "Add label"),
            [RbCatalog.DeleteTaskLabel] = ("btn_delete_label", "Delete label"),
        };

        /// <summary>Records a task operation that succeeded; other operations leave no record.</summary>
        public static void Record(EmuStore store, RbOperation op, string path, JsonElement body, long nowMs)
        {
            if (!Actions.TryGetValue(op, out var action)) return;
            var ids = new List<long>();
            foreach (var name in new[] { "taskIds", "taskId" })
            {
                if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var v)) continue;
                if (v.ValueKind == JsonValueKind.Array) ids.AddRange(
                    v.EnumerateArray().Select(IdOf).Where(id => id > 0));
                else if (IdOf(v) > 0) ids.Add(IdOf(v));
            }
            var aliases = ids.Distinct().Select(
                id => store.ById.TryGetValue(id, out var t) ? t.Alias : id.ToString(CultureInfo.InvariantCulture))
                .ToArray();
            store.OperationLog.Add(new EmuOperationRecord
            {
                TimeMs = nowMs, Platform = store.Platform, Button = action.Button, Details = action.Details,
                    Aliases = aliases,
                Uri = path, Param = "[" + body.GetRawText() + "]",
            });
        }

        private static long IdOf(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l)) return l;
            if (v.ValueKind == JsonValueKind.String && long.TryParse(
                v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            return 0;
        }

        public static void Login(EmuStore store, long nowMs)
            => store.LoginLog.Add(new EmuLoginRecord { Id = store.LoginLog.Count + 1, TimeMs = nowMs });

        /// <summary>The service's wall-clock text of a farm time.</summary>
        public static string Text(long ms) => RbServiceTime.ToText(DateTimeOffset.FromUnixTimeMilliseconds(ms))!;

        /// <summary>A taskRecord item as seed 001 shows it: every field text but operateSource, the tasks as JSON
        /// text.</summary>
        public static JsonNode ToJson(EmuStore store, EmuOperationRecord r) => new JsonObject
        {
            ["userName"] = store.UserName,
            ["taskType"] = "render",
            ["buttonName"] = r.Button,
            ["taskIds"] = new JsonArray(r.Aliases.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()).ToJsonString(),
            ["channel"] = "4",
            ["createTime"] = Text(r.TimeMs),
            ["details"] = r.Details,
            ["operateSource"] = 1,
            ["userId"] = store.UserId.ToString(CultureInfo.InvariantCulture),
            ["requestIp"] = "127.0.0.1",
            ["requestURI"] = r.Uri,
            ["requestParam"] = r.Param,
        };

        /// <summary>A loginRecord item as the newest example in seed 001 shows it (loginStatus as text, ip, loginTime
        /// in epoch ms).</summary>
        public static JsonNode ToJson(EmuStore store, EmuLoginRecord r) => new JsonObject
        {
            ["id"] = r.Id,
            ["userId"] = store.UserId,
            ["userName"] = store.UserName,
            ["userUa"] = "RenderbusPS emulator",
            ["traceId"] = "emu-" + r.Id.ToString(CultureInfo.InvariantCulture) + "-"
                + r.TimeMs.ToString(CultureInfo.InvariantCulture),
            ["loginType"] = "AccessKey",
            ["loginStatus"] = r.Status.ToString(CultureInfo.InvariantCulture),
            ["loginStaDesc"] = r.Description,
            ["moduleType"] = "登录",
            ["ip"] = "127.0.0.1",
            ["loginTime"] = r.TimeMs,
        };
    }
}
