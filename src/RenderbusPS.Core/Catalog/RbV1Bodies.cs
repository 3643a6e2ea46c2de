using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Catalog
{
    /// <summary>
    /// The one place where the two path sets' bodies differ. Core writes every request with the current path set's body
    /// names and reads every answer in the current shape; on a v1 session <see cref="RbClient"/> turns the body into
    /// the v1 form (<see cref="ToV1"/>) and the v1 answers back (<see cref="ReadV1"/>). The emulator does the reverse
    /// on a v1 path (<see cref="FromV1"/> before its handler, <see cref="AnswerToV1"/> after it), so handlers are
    /// written once. Every operation with a v1 path has an entry, even when the bodies are the same, so that the table
    /// says what the v1 documents (protocol v4: seeds 000/002/003) were read to say.
    /// </summary>
    internal static class RbV1Bodies
    {
        private sealed class Entry
        {
            public string Note = "same body and answer";
            /// <summary>Current body to the v1 bodies to send (more than one when v1 takes one value where current
            /// takes a list).</summary>
            public Func<JsonObject, IReadOnlyList<JsonObject>>? Request;
            /// <summary>The v1 answers (one per body sent) back to the current answer, knowing the current
            /// body.</summary>
            public Func<JsonObject, IReadOnlyList<JsonNode?>, JsonNode?>? Read;
            /// <summary>A v1 body received to the current body a handler reads.</summary>
            public Func<JsonObject, JsonObject>? Serve;
            /// <summary>A handler's (current) answer to the v1 answer.</summary>
            public Func<JsonNode?, JsonNode?>? Answer;
        }

        private static readonly Dictionary<RbOperation, Entry> table = Build();

        private static Dictionary<RbOperation, Entry> Build()
        {
            var same = new[]
            {
                RbCatalog.QueryPlatforms, RbCatalog.QueryUserProfile, RbCatalog.GetServerInfo,
                    RbCatalog.GetRaySyncUserKey,
                RbCatalog.CreateTask, RbCatalog.SubmitTask, RbCatalog.QueryTaskInfo, RbCatalog.StopTask,
                    RbCatalog.StartTask,
                RbCatalog.AbandonTask, RbCatalog.DeleteTask, RbCatalog.SetTaskOverTimeStop,
                    RbCatalog.FullSpeedRendering,
                RbCatalog.AddTaskLabel, RbCatalog.DeleteTaskLabel, RbCatalog.LoadTaskProcessImg,
                    RbCatalog.QueryTaskFrames,
                RbCatalog.QueryAllFrameStats, RbCatalog.LoadingFrameThumbnail, RbCatalog.AddProject,
                    RbCatalog.DeleteProject,
                RbCatalog.GetProjectList, RbCatalog.QuerySoftwareList, RbCatalog.AddUserPluginConfig,
                    RbCatalog.EditUserPluginConfig,
                RbCatalog.DeleteUserPluginConfig, RbCatalog.SetDefaultUserPluginConfig,
            };
            var map = same.ToDictionary(op => op, _ => new Entry());

            // queryUserSetting: v1 answers taskOverTime in hours only; the current set adds taskOverTimeSec (seconds)
            map[RbCatalog.QueryUserSetting] = new Entry
            {
                Note = "answer: taskOverTime (hours) only; taskOverTimeSec is derived from it",
                Read = (_, answers) =>
                {
                    var data = answers[0];
                    if (data is JsonObject o && !o.ContainsKey("taskOverTimeSec")
                        && Long(o["taskOverTime"]) is long hours)
                        o["taskOverTimeSec"] = hours * 3600;
                    return data;
                },
                Answer = data =>
                {
                    if (data is JsonObject o) o.Remove("taskOverTimeSec");
                    return data;
                },
            };

            // updateUserSetting: taskOverTimeSec (seconds) is taskOverTime (whole hours) on v1
            map[RbCatalog.UpdateUserSetting] = new Entry
            {
                Note = "taskOverTimeSec (seconds) is taskOverTime (hours)",
                Request = body =>
                {
                    if (Long(body["taskOverTimeSec"]) is long seconds)
                    {
                        if (seconds % 3600 != 0)
                            throw Refuse(
                                RbCatalog.UpdateUserSetting, $"a task timeout of {seconds} s",
                                "takes the task timeout in whole hours (taskOverTime)",
                                "Give a whole number of hours, or connect with -PathSet Current to set it to the second.");
                        body.Remove("taskOverTimeSec");
                        body["taskOverTime"] = seconds / 3600;
                    }
                    return One(body);
                },
                Serve = body =>
                {
                    if (body.ContainsKey("taskOverTime"))
                    {
                        var hours = Long(body["taskOverTime"]) ?? throw new FormatException(
                            "taskOverTime must be a whole number of hours.");
                        body.Remove("taskOverTime");
                        body["taskOverTimeSec"] = hours * 3600;
                    }
                    return body;
                },
            };

            // getBid: v1 getTransferBid answers config_bid, output_bid and input_bid only
            map[RbCatalog.GetBid] = new Entry
            {
                Note = "answer: config_bid, output_bid, input_bid only",
                Answer = data =>
                {
                    if (data is JsonObject o)
                        foreach (
                            var name in o.Select(p => p.Key).Where(
                            k => k != "config_bid" && k != "output_bid" && k != "input_bid").ToList()) o.Remove(name);
                    return data;
                },
            };

            // queryErrorDetail takes one code; several codes are asked one by one and the lists joined
            map[RbCatalog.QueryAnalyseErrorDetail] = new Entry
            {
                Note = "one code per call (no codes list)",
                Request = body => FanOut(body, "codes", "code"),
                Read = (_, answers) => Concat(answers),
            };

            // getTaskList: v1 has no recycle bin flag
            map[RbCatalog.GetTaskList] = new Entry
            {
                Note = "no recycleFlag",
                Request = body =>
                {
                    if (body.ContainsKey("recycleFlag"))
                        throw Refuse(RbCatalog.GetTaskList, "listing deleted tasks (recycleFlag)", "has no recycle bin",
                            "Connect with -PathSet Current to list deleted tasks.");
                    return One(body);
                },
            };

            // recommitTasks → restartFailedFrames: restarts the failed frames; there is no status list
            map[RbCatalog.RecommitTasks] = new Entry
            {
                Note = "restartFailedFrames restarts failed frames only (no status)",
                Request = body =>
                {
                    if (body["status"] is JsonArray status)
                    {
                        var wanted = status.Select(Long).Distinct().ToList();
                        if (wanted.Count != 1 || wanted[0] != 5)
                            throw Refuse(
                                RbCatalog.RecommitTasks, "restarting frames of statuses other than Failed",
                                "restarts failed frames only",
                                "Restart the failed frames only, or connect with -PathSet Current to choose the frame statuses.");
                        body.Remove("status");
                    }
                    return One(body);
                },
                Serve = body =>
                {
                    if (!body.ContainsKey("status")) body["status"] = new JsonArray(5);
                    return body;
                },
            };

            // recommitTaskFrames → restartFrame: taskIds is ONE integer, plus ids and selectAll; no status
            map[RbCatalog.RecommitTaskFrames] = new Entry
            {
                Note = "taskId is taskIds (one integer); no status",
                Request = body =>
                {
                    if (body["status"] is JsonArray status && status.Count > 0)
                        throw Refuse(
                            RbCatalog.RecommitTaskFrames, "restarting all frames of chosen statuses",
                            "restarts either all frames or the listed ones (no status)",
                            "List the frames (pipe them from Get-RbFrame -Status ...), or connect with -PathSet Current.");
                    body.Remove("status");
                    Rename(body, "taskId", "taskIds");
                    return One(body);
                },
                Serve = body =>
                {
                    if (body["taskIds"] is JsonArray)
                        throw new FormatException(
                            "taskIds must be one task id (an integer) on restartFrame, not a list.");
                    Rename(body, "taskIds", "taskId");
                    return body;
                },
            };

            // querySoftwareDetail → querySupportedPlugin: cgId only (no OS); Windows is what it describes
            map[RbCatalog.QuerySoftwareDetail] = new Entry
            {
                Note = "cgId only (no osName)",
                Request = body =>
                {
                    var os = body["osName"];
                    if (os != null && !IsWindows(os))
                        throw Refuse(
                            RbCatalog.QuerySoftwareDetail, "Linux plugins",
                            "has no OS choice (it answers the Windows plugins)",
                            "Connect with -PathSet Current to list the Linux plugins.");
                    body.Remove("osName");
                    return One(body);
                },
            };

            // getUserPluginConfig → getRenderEnv: one cgId per call, no osName; the OS filter is applied to the answer
            map[RbCatalog.GetUserPluginConfig] = new Entry
            {
                Note = "one cgId per call (no cgIds), no osName: the answer is filtered on osName",
                Request = body =>
                {
                    body.Remove("osName");
                    return FanOut(body, "cgIds", "cgId");
                },
                Read = (request, answers) =>
                {
                    var all = Concat(answers);
                    var os = request["osName"];
                    if (os == null || !(all is JsonArray list)) return all;
                    var want = IsWindows(os) ? 1 : 0;
                    return new JsonArray(
                        list.Where(e => e is JsonObject o && Long(o["osName"]) == want).Select(e => e!.DeepClone())
                        .ToArray());
                },
            };
            return map;
        }

        /// <summary>The operations this table describes: every operation that has a v1 path.</summary>
        public static IReadOnlyCollection<RbOperation> Described => table.Keys;

        /// <summary>How the v1 body or answer of an operation differs from the current one, in a few words.</summary>
        public static string DifferenceOf(RbOperation op) => Find(op).Note;

        /// <summary>The v1 bodies to send for a body written in the current path set's names (usually one).</summary>
        public static IReadOnlyList<JsonObject> ToV1(RbOperation op, JsonObject currentBody)
        {
            var entry = Find(op);
            var copy = (JsonObject)currentBody.DeepClone();
            return entry.Request == null ? One(copy) : entry.Request(copy);
        }

        /// <summary>The answer in the current shape, from the v1 answers to the bodies <see cref="ToV1"/>
        /// gave.</summary>
        public static JsonNode? ReadV1(RbOperation op, JsonObject currentBody, IReadOnlyList<JsonNode?> v1Answers)
        {
            var entry = Find(op);
            if (entry.Read != null) return entry.Read(currentBody, v1Answers);
            return v1Answers.Count == 1 ? v1Answers[0] : Concat(v1Answers);
        }

        /// <summary>A body received on a v1 path, in the current path set's names (throws FormatException when it
        /// cannot be).</summary>
        public static JsonObject FromV1(RbOperation op, JsonObject v1Body)
        {
            var entry = Find(op);
            var copy = (JsonObject)v1Body.DeepClone();
            return entry.Serve == null ? copy : entry.Serve(copy);
        }

        /// <summary>A handler's answer (current shape) in the v1 shape.</summary>
        public static JsonNode? AnswerToV1(RbOperation op, JsonNode? currentAnswer)
        {
            var entry = Find(op);
            return entry.Answer == null ? currentAnswer : entry.Answer(currentAnswer);
        }

        private static Entry Find(RbOperation op)
            => table.TryGetValue(op, out var e) ? e
                : throw NotInPathSet(op, RbPathSet.V1);

        /// <summary>The error for an operation a path set does not have.</summary>
        public static RbValidationException NotInPathSet(RbOperation op, RbPathSet set)
            => new RbValidationException("Rb.NotInPathSet",
                $"{op.Name} ({op.Path}) does not exist in the {set} path set (API protocol v4, header version {RbOperation.VersionHeaderFor(set)}), which this session was connected with; nothing was sent.",
                "PathSet",
                "Connect a session with -PathSet Current (the default) and pass it with -Session, or reconnect with Connect-Renderbus -PathSet Current.",
                op.Name);

        private static RbValidationException Refuse(RbOperation op, string what, string why, string action)
            => new RbValidationException("Rb.NotInPathSet",
                $"The V1 path set cannot express {what}: its {op.V1Path} {why}. Nothing was sent.", "PathSet", action, op.Name);

        private static IReadOnlyList<JsonObject> One(JsonObject body) => new[] { body };

        /// <summary>A body whose <paramref name="list"/> holds several values becomes one body per value in
        /// <paramref name="single"/>.</summary>
        private static IReadOnlyList<JsonObject> FanOut(JsonObject body, string list, string single)
        {
            if (!(body[list] is JsonArray values)) return One(body);
            body.Remove(list);
            return values.Select(v =>
            {
                var one = (JsonObject)body.DeepClone();
                one[single] = v?.DeepClone();
                return one;
            }).ToArray();
        }

        private static JsonNode? Concat(IReadOnlyList<JsonNode?> answers)
        {
            if (answers.Count == 1) return answers[0];
            var all = new JsonArray();
            foreach (var a in answers)
                if (a is JsonArray items)
                    foreach (var item in items) all.Add(item?.DeepClone());
            return all;
        }

        private static void Rename(JsonObject body, string from, string to)
        {
            if (!body.TryGetPropertyValue(from, out var value)) return;
            body.Remove(from);
            body[to] = value;
        }

        private static bool IsWindows(JsonNode os)
        {
            var text = os is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : os.ToJsonString();
            return text == "1" || string.Equals(text, "windows", StringComparison.OrdinalIgnoreCase);
        }

        private static long? Long(JsonNode? node)
        {
            if (!(node is JsonValue v)) return null;
            if (v.TryGetValue<long>(out var l)) return l;
            if (v.TryGetValue<int>(out var i)) return i;
            if (v.TryGetValue<JsonElement>(out var e))
            {
                if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out l)) return l;
                if (e.ValueKind == JsonValueKind.String && long.TryParse(
                    e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            }
            if (v.TryGetValue<string>(out var s) && long.TryParse(
                s, NumberStyles.Integer, CultureInfo.InvariantCulture, out l)) return l;
            return null;
        }
    }
}
