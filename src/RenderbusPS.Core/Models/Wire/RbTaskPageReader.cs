using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The one hand-written reader: a page of tasks (getTaskList, queryTaskInfo), the answer read most. It reads the
    /// model the binding reads (RbTask's wire names and converters, Extra as <see cref="RbWireExtra"/> keeps it; a test
    /// holds the two to the same result) straight from the bytes, with no metadata in between.
    /// <para>
    /// Kept because the binding missed the task page's goals: in the A/B (benchmark README, "One way to read the
    /// wire") it parsed a 100-task page 1.8x slower, and warm pwsh listings took 1.6x to 2.4x as long a page.
    /// </para>
    /// </summary>
    internal static class RbTaskPageReader
    {
        /// <summary>A page from the value the reader is on (<c>data</c>), consuming it, as RbWire.Page does.</summary>
        public static RbPage<RbTask> Page(ref Utf8JsonReader r, int requestedPage)
        {
            var page = new RbPage<RbTask>();
            if (r.TokenType != JsonTokenType.StartObject) r.Skip();
            else
            {
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var member = r.ValueTextEquals("items"u8) ? 1 : r.ValueTextEquals("pageNum"u8) ? 2
                        : r.ValueTextEquals("pageCount"u8) ? 3 : r.ValueTextEquals("total"u8) ? 4 : 0;
                    r.Read();
                    switch (member)
                    {
                        case 1: page.Items = Tasks(ref r); break;
                        case 2: page.PageNum = RbWireValue.Int(ref r); break;
                        case 3: page.PageCount = RbWireValue.Int(ref r); break;
                        case 4: page.Total = RbWireValue.Long(ref r); break;
                        default: r.Skip(); break;
                    }
                }
            }
            page.PageNum ??= requestedPage;
            return page;
        }

        /// <summary>A list of tasks; nulls and items that are not objects are left out, as RbWireList does.</summary>
        private static IReadOnlyList<RbTask> Tasks(ref Utf8JsonReader r)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                r.Skip();
                return Array.Empty<RbTask>();
            }
            List<RbTask>? tasks = null;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType == JsonTokenType.StartObject) (tasks ??= new List<RbTask>()).Add(Task(ref r));
                else r.Skip();
            }
            return tasks == null ? Array.Empty<RbTask>() : tasks.ToArray();
        }

        private static RbTask Task(ref Utf8JsonReader r)
        {
            // Extra sized as the last task's was, so it does not grow field by field
            var t = new RbTask { Extra = new Dictionary<string, object?>(extraCount) };
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                var member = Member(ref r);
                var name = member < 0 ? ExtraName(ref r) : null;
                r.Read();
                switch (member)
                {
                    case 0: t.Id = RbWireValue.Long(ref r) ?? 0; break;
                    case 1: t.Alias = RbWireValue.Text(ref r); break;
                    case 2: t.WireStatus = RbWireValue.Int(ref r); break;
                    case 3: t.SceneName = RbWireValue.Text(ref r); break;
                    case 4: t.ProjectName = RbWireValue.Text(ref r); break;
                    case 5: t.SoftwareId = RbWireValue.Int(ref r); break;
                    case 6: t.TaskType = RbWireValue.Text(ref r); break;
                    case 7: t.LayerName = RbWireValue.Text(ref r); break;
                    case 8: t.Camera = RbWireValue.Text(ref r); break;
                    case 9: t.FrameRange = RbWireValue.Text(ref r); break;
                    case 10: t.TotalFrames = RbWireValue.Int(ref r) ?? 0; break;
                    case 11: t.DoneFrames = RbWireValue.Int(ref r) ?? 0; break;
                    case 12: t.FailedFrames = RbWireValue.Int(ref r) ?? 0; break;
                    case 13: t.ExecutingFrames = RbWireValue.Int(ref r) ?? 0; break;
                    case 14: t.AbortedFrames = RbWireValue.Int(ref r) ?? 0; break;
                    case 15: t.Cost = RbWireValue.Dec(ref r) ?? 0; break;
                    case 16: t.AccountCost = RbWireValue.Dec(ref r) ?? 0; break;
                    case 17: t.CouponCost = RbWireValue.Dec(ref r) ?? 0; break;
                    case 18: t.Arrears = RbWireValue.Dec(ref r) ?? 0; break;
                    case 19: t.SubmittedAt = RbWireValue.Time(ref r); break;
                    case 20: t.StartedAt = RbWireValue.Time(ref r); break;
                    case 21: t.CompletedAt = RbWireValue.Time(ref r); break;
                    case 22: t.RenderDuration = RbWireValue.Seconds(ref r); break;
                    case 23: t.UserName = RbWireValue.Text(ref r); break;
                    case 24: t.UserId = RbWireValue.Long(ref r); break;
                    case 25: t.Producer = RbWireValue.Text(ref r); break;
                    case 26: t.Priority = RbWireValue.Int(ref r); break;
                    case 27: t.FarmPriority = RbWireValue.Int(ref r); break;
                    case 28: t.MachineLimit = RbWireValue.Int(ref r); break;
                    case 29: t.TimeoutStop = RbWireLimit.Value(ref r); break;
                    case 30: t.Ram = RbWireValue.Int(ref r); break;
                    case 31: t.Labels = RbWireLabels.Value(ref r); break;
                    case 32: t.ParentId = RbWireId.Value(ref r); break;
                    case 33: t.OutputFileName = RbWireValue.Text(ref r); break;
                    case 34: t.IsDeleted = RbWireZeroIsYes.Value(ref r); break;
                    case 35: t.SubTasks = Tasks(ref r); break;
                    case 36: t.ErrorCode = RbWireCode.Value(ref r); break;
                    default: t.Extra[name!] = RbWireValue.Plain(ref r); break;
                }
            }
            RbWireExtra.Mask(t.Extra);
            extraCount = t.Extra.Count;
            return t;
        }

        /// <summary>Fields the last task had beyond the model's (a race only costs a resize).</summary>
        private static int extraCount;

        /// <summary>RbTask's wire names, in the order of the cases above.</summary>
        private static readonly string[] Names =
        {
            "id", "taskAlias", "taskStatus", "sceneName", "projectName", "cgId", "taskType", "layerName",
            "renderCamera", "framesRange", "totalFrames", "doneFrames", "failedFrames", "executingFrames",
            "abortFrames", "renderConsume", "userAccountConsume", "couponConsume", "taskArrears", "submitDate",
            "startTime", "completedDate", "renderDuration", "userName", "userId", "producer", "taskUserLevel",
            "taskLevel", "taskLimit", "overTimeStop", "taskRam", "labels", "layerParentId", "outputFileName",
            "isDelete", "respRenderingTaskList", "errorCode",
        };

        private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, n => Encoding.UTF8.GetBytes(n));

        /// <summary>The members of each name length: a name is told by its length, then its bytes.</summary>
        private static readonly int[][] ByLength = ByLengths();

        private static int[][] ByLengths()
        {
            var lists = new List<int>[32];
            for (var i = 0; i < Names.Length; i++) (lists[Names[i].Length] ??= new List<int>()).Add(i);
            return Array.ConvertAll(lists, l => l?.ToArray() ?? Array.Empty<int>());
        }

        /// <summary>The member the reader's property name is, or -1 for a name the model does not name.</summary>
        private static int Member(ref Utf8JsonReader r)
        {
            if (r.ValueIsEscaped || r.HasValueSequence) return Array.IndexOf(Names, r.GetString());
            var name = r.ValueSpan;
            if (name.Length >= ByLength.Length) return -1;
            foreach (var member in ByLength[name.Length])
            {
                if (name.SequenceEqual(Utf8Names[member])) return member;
            }
            return -1;
        }

        /// <summary>An unnamed member's name: the same string each time, so a page of tasks makes few.</summary>
        private static string ExtraName(ref Utf8JsonReader r)
        {
            if (r.ValueIsEscaped || r.HasValueSequence) return r.GetString()!;
            var name = r.ValueSpan;
            var hash = name.Length;
            foreach (var b in name) hash = hash * 31 + b;
            // open addressing: a name's slot, or one of the next few
            for (var probe = 0; probe < 8; probe++)
            {
                var slot = (hash + probe) & (SeenNames.Length - 1);
                var seen = SeenNames[slot];
                if (seen == null)
                {
                    var text = r.GetString()!;
                    SeenNames[slot] = new SeenName(name.ToArray(), text);
                    return text;
                }
                if (name.SequenceEqual(seen.Utf8)) return seen.Text;
            }
            return r.GetString()!;
        }

        /// <summary>Names seen, by a hash of their bytes (a race only costs a string).</summary>
        private static readonly SeenName?[] SeenNames = new SeenName?[256];

        private sealed class SeenName
        {
            public SeenName(byte[] utf8, string text)
            {
                Utf8 = utf8;
                Text = text;
            }

            public byte[] Utf8 { get; }
            public string Text { get; }
        }
    }
}
