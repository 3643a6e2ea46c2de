using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>What Set-RbTask changes; null (or false) leaves a setting as it is.</summary>
    internal sealed class RbTaskSettings
    {
        /// <summary>Task user level, 50 or 60 (<c>updateTaskUserLevel</c>, one task per request).</summary>
        public int? Priority { get; set; }
        /// <summary>A frame rendering longer than this stops the task (<c>setTaskOverTimeStop</c>, whole
        /// seconds).</summary>
        public TimeSpan? TimeoutStop { get; set; }
        /// <summary>Most render nodes at once (<c>updateTaskLimit</c>, one task per request).</summary>
        public int? MachineLimit { get; set; }
        /// <summary>Render on as many nodes as the farm gives (<c>fullSpeedRendering</c>); it costs more per hour of
        /// wall time.</summary>
        public bool FullSpeed { get; set; }
        /// <summary>Id of a hardware configuration from hardwareConfig/list (<c>editTaskHardwareConfig</c>).</summary>
        public int? HardwareConfigId { get; set; }

        public bool IsEmpty => !Priority.HasValue && !TimeoutStop.HasValue && !MachineLimit.HasValue && !FullSpeed
            && !HardwareConfigId.HasValue;

        /// <summary>Checks every value against the rules table; nothing is sent when one is wrong.</summary>
        public void Check()
        {
            if (IsEmpty) throw RbInputRules.NoSetting.Error("Set-RbTask was given no setting to change.");
            if (FullSpeed && MachineLimit.HasValue)
                throw RbInputRules.ConflictingSettings.Error(
                    $"-MachineLimit {MachineLimit} and -FullSpeed were both given.", MachineLimit);
            if (Priority.HasValue) RbInputRules.CheckPriority(Priority.Value);
            if (TimeoutStop.HasValue) RbInputRules.CheckTimeoutStop(TimeoutStop.Value);
            if (MachineLimit.HasValue) RbInputRules.CheckMachineLimit(MachineLimit.Value);
            if (HardwareConfigId.HasValue && HardwareConfigId.Value <= 0)
                throw RbInputRules.HardwareConfig.Error(
                    $"-HardwareConfig {HardwareConfigId} is not an id.", HardwareConfigId);
        }
    }

    /// <summary>The outcome of one setting for one task.</summary>
    internal sealed class RbSettingResult : RbItemResult
    {
        public RbSettingResult(long id, string setting, Exception? error) : base(id, error) => Setting = setting;

        /// <summary>The Set-RbTask parameter, e.g. Priority.</summary>
        public string Setting { get; }
    }

    internal sealed partial class TasksApi
    {
        /// <summary>Frame statuses recommitTasks resubmits when none are named: failed frames (the service's
        /// default).</summary>
        public static readonly IReadOnlyList<RbFrameStatus> DefaultRestartStatus = new[] { RbFrameStatus.Failed };

        /// <summary>The ids in the calls of 100 a bulk action sends them in.</summary>
        public IReadOnlyList<long[]> Calls(IReadOnlyList<long> ids) => RbIdBatch.Chunks(ids, RbCatalog.TaskIdLimit)
            .ToList();

        /// <summary>Abandons tasks: their waiting and rendering frames stop and the task can never render again. One
        /// result per id.</summary>
        [RbSends(nameof(RbCatalog.AbandonTask))]
        public Task<IReadOnlyList<RbItemResult>> AbandonAsync(
            IEnumerable<long> ids, CancellationToken cancellationToken)
            => BulkAsync(RbCatalog.AbandonTask, ids, cancellationToken);

        /// <summary>Moves tasks to the recycle bin (<c>Get-RbTask -Deleted</c> lists them). One result per
        /// id.</summary>
        [RbSends(nameof(RbCatalog.DeleteTask))]
        public Task<IReadOnlyList<RbItemResult>> DeleteAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
            => BulkAsync(RbCatalog.DeleteTask, ids, cancellationToken);

        /// <summary>
        /// Resubmits the frames of the tasks whose status is one of <paramref name="frameStatus"/> (failed frames when
        /// none are given): they wait again and the farm renders them. A task with no such frame is left as it is (the
        /// service answers success). One result per id.
        /// </summary>
        [RbSends(nameof(RbCatalog.RecommitTasks))]
        public Task<IReadOnlyList<RbItemResult>> RestartAsync(
            IEnumerable<long> ids, IReadOnlyCollection<RbFrameStatus>? frameStatus, CancellationToken cancellationToken)
        {
            var op = RbCatalog.RecommitTasks;
            var status = (frameStatus == null || frameStatus.Count == 0 ? DefaultRestartStatus : frameStatus)
                .Select(s => (int)s).Distinct().ToArray();
            return BulkAsync(
                op, ids, cancellationToken, chunk => new RbBody().Add(op.IdListField!, chunk).Add("status", status));
        }

        /// <summary>Adds a label to tasks (the service creates the label on first use). One result per id.</summary>
        [RbSends(nameof(RbCatalog.AddTaskLabel))]
        public Task<IReadOnlyList<RbItemResult>> AddLabelAsync(
            IEnumerable<long> ids, string label, CancellationToken cancellationToken)
        {
            var name = RbInputRules.CheckLabelName(label);
            var op = RbCatalog.AddTaskLabel;
            return BulkAsync(
                op, ids, cancellationToken, chunk => new RbBody().Add("label", name).Add(op.IdListField!, chunk));
        }

        /// <summary>
        /// Removes labels from tasks, named by label id, or by name: names are resolved to ids from each task's own
        /// labels (queryTaskInfo) and a task that has none of the names gets <c>Rb.LabelNotFound</c>. One result per
        /// id.
        /// </summary>
        [RbSends(nameof(RbCatalog.DeleteTaskLabel), nameof(RbCatalog.QueryTaskInfo))]
        public async Task<IReadOnlyList<RbItemResult>> RemoveLabelsAsync(
            IEnumerable<long> ids, IReadOnlyCollection<string>? names,
            IReadOnlyCollection<long>? labelIds, CancellationToken cancellationToken)
        {
            var op = RbCatalog.DeleteTaskLabel;
            var list = ids.ToList();
            RbInputRules.CheckIds(list);
            if (labelIds != null && labelIds.Count > 0)
            {
                RbInputRules.CheckIds(labelIds);
                var given = labelIds.Distinct().ToArray();
                return await BulkAsync(
                    op, list, cancellationToken, chunk => new RbBody().Add(op.IdListField!, chunk)
                    .Add("labelIds", given)).ConfigureAwait(false);
            }
            var wanted = (names ?? Array.Empty<string>()).Select(RbInputRules.CheckLabelName)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (wanted.Length == 0) throw RbInputRules.LabelName.Error(
                "Give the labels to remove by -Name or -LabelId.");

            var results = new List<RbItemResult>();
            var resolved = new Dictionary<long, long[]>();
            foreach (var found in await GetEachAsync(list, cancellationToken).ConfigureAwait(false))
            {
                if (found.Item == null)
                {
                    results.Add(new RbItemResult(found.Id, found.Error));
                    continue;
                }
                var match = found.Item.Labels.Where(l => wanted.Contains(l.Name, StringComparer.OrdinalIgnoreCase))
                    .Select(l => l.LabelId).Distinct().ToArray();
                if (match.Length == 0)
                {
                    results.Add(new RbItemResult(found.Id, new RbValidationException("Rb.LabelNotFound",
                        $"Task {found.Id} has no label named {string.Join(", ", wanted)}.", "Name",
                        "See the task's labels with (Get-RbTask -Id " + found.Id.ToString(CultureInfo.InvariantCulture) + ").Labels.", found.Id)));
                    continue;
                }
                resolved[found.Id] = match;
            }
            if (resolved.Count > 0)
            {
                results.AddRange(await BulkAsync(op, resolved.Keys, cancellationToken, chunk => new RbBody()
                    .Add(op.IdListField!, chunk)
                    .Add("labelNames", wanted)
                    .Add("labelIds", chunk.SelectMany(id => resolved[id]).Distinct().ToArray())).ConfigureAwait(false));
            }
            var order = list.Distinct().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            return results.OrderBy(r => order[r.Id]).ToList();
        }

        /// <summary>The platform's hardware configurations; with a task id, the one that task uses is marked
        /// Current.</summary>
        [RbSends(nameof(RbCatalog.HardwareConfigList))]
        public async Task<IReadOnlyList<RbHardwareConfig>> GetHardwareConfigsAsync(
            long? taskId, CancellationToken cancellationToken)
        {
            var body = new RbBody().Add("cloneTask", "false");
            if (taskId.HasValue)
            {
                RbInputRules.CheckIds(new[] { taskId.Value });
                body.Add("taskIds", new[] { taskId.Value.ToString(CultureInfo.InvariantCulture) });
            }
            var response = taskId.HasValue
                ? await RbTaskScope.RunAsync(client, taskId.Value,
                    () => client.SendAsync(RbCatalog.HardwareConfigList, body, cancellationToken), cancellationToken)
                        .ConfigureAwait(false)
                : await client.SendAsync(RbCatalog.HardwareConfigList, body, cancellationToken).ConfigureAwait(false);
            var configs = RbWire.List<RbHardwareConfig>(response.Data);
            foreach (var config in configs) config.TaskId = taskId;
            return configs;
        }

        /// <summary>
        /// Changes task settings: one request per setting per batch of 100 (priority and machine limit: one per task,
        /// as the service takes them). Returns one result per task per setting, so a task can fail one setting and take
        /// another. Every value is checked first, and a hardware id is looked up in hardwareConfig/list; nothing is
        /// sent when one is wrong.
        /// </summary>
        [RbSends(
            nameof(RbCatalog.UpdateTaskUserLevel), nameof(RbCatalog.SetTaskOverTimeStop),
            nameof(RbCatalog.UpdateTaskLimit), nameof(RbCatalog.FullSpeedRendering),
            nameof(RbCatalog.EditTaskHardwareConfig), nameof(RbCatalog.HardwareConfigList))]
        public async Task<IReadOnlyList<RbSettingResult>> SetAsync(
            IEnumerable<long> ids, RbTaskSettings settings, CancellationToken cancellationToken)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            settings.Check();
            var list = ids.Distinct().ToList();
            RbInputRules.CheckIds(list);
            RbHardwareConfig? hardware = null;
            if (settings.HardwareConfigId.HasValue)
            {
                var configs = await GetHardwareConfigsAsync(null, cancellationToken).ConfigureAwait(false);
                hardware = configs.FirstOrDefault(
                    c => c.HardwareConfigId == settings.HardwareConfigId.Value && c.Enabled)
                    ?? throw RbInputRules.HardwareConfig.Error(
                        $"This platform has no enabled hardware configuration {settings.HardwareConfigId}; it offers "
                        + string.Join(", ", configs.Where(c => c.Enabled).Select(c => c.ToString())) + ".",
                            settings.HardwareConfigId);
            }

            var results = new List<RbSettingResult>();
            void Add(string setting, IEnumerable<RbItemResult> done) => results.AddRange(
                done.Select(r => new RbSettingResult(r.Id, setting, r.Error)));

            if (settings.Priority.HasValue)
                Add("Priority", await EachAsync(
                    RbCatalog.UpdateTaskUserLevel, list, id => new RbBody().Add("taskId", id).Add(
                    "taskUserLevel", settings.Priority.Value), cancellationToken).ConfigureAwait(false));
            if (settings.TimeoutStop.HasValue)
            {
                var seconds = RbInputRules.CheckTimeoutStop(settings.TimeoutStop.Value);
                var op = RbCatalog.SetTaskOverTimeStop;
                Add("TimeoutStop", await BulkAsync(
                    op, list, cancellationToken, chunk => new RbBody().Add(op.IdListField!, chunk)
                    .Add("overTime", seconds)).ConfigureAwait(false));
            }
            if (settings.MachineLimit.HasValue)
                Add("MachineLimit", await EachAsync(
                    RbCatalog.UpdateTaskLimit, list, id => new RbBody().Add("taskId", id).Add(
                    "taskLimit", settings.MachineLimit.Value), cancellationToken).ConfigureAwait(false));
            if (settings.FullSpeed)
                Add("FullSpeed", await BulkAsync(RbCatalog.FullSpeedRendering, list, cancellationToken)
                    .ConfigureAwait(false));
            if (hardware != null)
            {
                // the official client sends both id lists as strings
                var op = RbCatalog.EditTaskHardwareConfig;
                Add("HardwareConfig", await BulkAsync(op, list, cancellationToken, chunk => new RbBody()
                    .Add(op.IdListField!, chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray())
                    .Add("hardwareConfigId", new[] { hardware.HardwareConfigId.ToString(CultureInfo.InvariantCulture) })
                    .Add("model", hardware.Model ?? "")
                    .Add("gpuNum", hardware.GpuCount ?? "")
                    .Add("ram", hardware.Ram ?? "")).ConfigureAwait(false));
            }
            return results;
        }

        /// <summary>Sends an operation that takes one task per request, once per id, up to the throttle limit at once;
        /// one result per id.</summary>
        private Task<IReadOnlyList<RbItemResult>> EachAsync(
            RbOperation op, IReadOnlyList<long> ids, Func<long, RbBody> bodyFor, CancellationToken cancellationToken)
            => new RbBulkSender(client, op, ThrottleLimit, lookUp: GetEachAsync)
                .EachAsync(ids, bodyFor, cancellationToken);
    }
}
