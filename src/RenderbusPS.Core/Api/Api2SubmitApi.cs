using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Core.Api
{
    /// <summary>One scene path of a submission: the task the farm made for it, or why there is none.</summary>
    internal sealed class RbSceneResult
    {
        public RbSceneResult(string path, long? taskId, Exception? error)
        {
            Path = path;
            TaskId = taskId;
            Error = error;
        }

        public string Path { get; }
        public long? TaskId { get; }
        public Exception? Error { get; }
        public bool Succeeded => Error == null;

        public override string ToString() => Succeeded ? $"{Path}: task {TaskId}" : $"{Path}: {Error!.Message}";
    }

    /// <summary>
    /// Submitting uploaded scenes over API 2.0: one create action per software creates and submits one task per scene
    /// path. Everything the document lets us check is checked before the first request; paths go at most 100 (and
    /// 512 characters of <c>input_scene_path</c>) a call. Creating starts billing and is not repeatable: a call whose
    /// answer is lost is never sent again, and its paths get Rb.OutcomeUnknown saying what to look for.
    /// </summary>
    internal sealed class Api2SubmitApi
    {
        private readonly RbClient client;

        public Api2SubmitApi(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        /// <summary>
        /// Refuses a session that does not speak API 2.0 (Rb.NotInProtocol), and a submission the document refuses,
        /// without sending anything (the whole submission but its paths), so a cmdlet can refuse before it asks.
        /// </summary>
        public void Check(RbSceneSubmission submission)
        {
            if (client.Protocol != RbApiProtocol.Api2)
                throw new RbValidationException("Rb.NotInProtocol",
                    $"Submitting scenes ({submission.Action.Name}) is an API 2.0 action and this session speaks the "
                    + "REST API; nothing was sent.", "Session",
                    "On REST, create a task with New-RbTask, upload its task.json with Send-RbTaskFile and submit it "
                    + "with Submit-RbTask; or connect an API 2.0 session (Connect-Renderbus -Protocol Api2).");
            client.CheckSendable(submission.Action.Operation, null);
            submission.ToBody(new[] { "x" });
        }

        /// <summary>
        /// Submits every path (checked with <see cref="RbSceneRules.Path"/>; a path given twice is submitted once)
        /// and returns one result per distinct path, in the order given.
        /// </summary>
        [RbSendsApi2("create_task", "create_max_task", "create_sketchup_task", "create_vrstandalone_task",
            "create_houdini_task", "create_blender_task")]
        public async Task<IReadOnlyList<RbSceneResult>> SubmitAsync(RbSceneSubmission submission,
            IEnumerable<string> paths, CancellationToken cancellationToken)
        {
            Check(submission);
            var list = paths.Select(RbSceneRules.Path).Distinct(StringComparer.Ordinal).ToList();
            var perCall = submission.Software == RbSceneSoftware.Houdini || submission.Software
                == RbSceneSoftware.Blender ? 1 : RbApi2Catalog.MaxScenePaths;
            var batches = Batches(list, perCall, 512);
            var bodies = batches.Select(submission.ToBody).ToList();
            var action = submission.Action;
            var results = await RbParallel.MapAsync(Enumerable.Range(0, batches.Count).ToList(), client.ThrottleLimit,
                async (i, ct) =>
                {
                    var batch = batches[i];
                    try
                    {
                        var created = await client.SendAsync(action.Operation, bodies[i],
                            r => RbWire.Read<RbApi2List<RbApi2Created>>(r.Data).Data, ct).ConfigureAwait(false);
                        var made = Match(batch, created, submission.Project);
                        var ids = made.Where(m => m.TaskId.HasValue).Select(m => m.TaskId!.Value).ToArray();
                        if (ids.Length > 0) client.Changes.Publish(new RbChange(action.Operation, RbKind.Task, ids));
                        return made;
                    }
                    catch (RbOutcomeUnknownException lost)
                    {
                        var unknown = new RbOutcomeUnknownException(lost.Operation, lost.Path, Check(batch), lost
                            .InnerException ?? lost);
                        return batch.Select(p => new RbSceneResult(p, null, unknown)).ToList();
                    }
                    catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
                    {
                        return batch.Select(p => new RbSceneResult(p, null, ex)).ToList();
                    }
                }, cancellationToken).ConfigureAwait(false);
            return results.SelectMany(r => r).ToList();
        }

        /// <summary>The answer's items matched to the paths sent, in order (one item per path).</summary>
        private List<RbSceneResult> Match(IReadOnlyList<string> batch, IReadOnlyList<RbApi2Created> created,
            string? project)
        {
            var results = new List<RbSceneResult>();
            for (var i = 0; i < batch.Count; i++)
            {
                var item = i < created.Count ? created[i] : null;
                if (item == null)
                    results.Add(new RbSceneResult(batch[i], null, new RbProtocolException(
                        $"The create action answered {created.Count} tasks for {batch.Count} scene paths: nothing "
                        + $"for '{batch[i]}'. Look for it with Get-RbTask -Keyword before submitting it again.",
                        client.Api2Path)));
                else if (item.Result == "0" && item.TaskId is long id)
                    results.Add(new RbSceneResult(batch[i], id, null));
                else
                    results.Add(new RbSceneResult(batch[i], null, Refusal(batch[i], item.Description, project)));
            }
            return results;
        }

        /// <summary>A path the farm did not take: Rb.ProjectNotFound for a project it does not have (as REST
        /// names it), else Rb.Fail with the farm's text.</summary>
        private Exception Refusal(string path, string? text, string? project)
        {
            var message = text ?? $"The farm did not submit '{path}'.";
            if (message.IndexOf("project", StringComparison.OrdinalIgnoreCase) >= 0
                && message.IndexOf("not exist", StringComparison.OrdinalIgnoreCase) >= 0)
                return new RbValidationException("Rb.ProjectNotFound",
                    $"The farm did not submit '{path}': {message}", "Project",
                    "List the projects with Get-RbProject; -Project must match a name exactly (create it with "
                    + "New-RbProject).", project);
            return new RbApiException(RbCodes.Fail, message, client.Api2Path, null);
        }

        /// <summary>What to look at after a lost answer: the tasks of those scenes, newest first.</summary>
        private static string Check(IReadOnlyList<string> batch)
            => $"Look for the tasks of these scenes before submitting again (it may have made them, and they bill): "
                + $"Get-RbTask -Keyword '{batch[0].Replace("'", "''")}'"
                + (batch.Count > 1 ? $" (and the other {batch.Count - 1} paths of the call)" : "")
                + ", or Get-RbTask -First 20 for the newest.";

        /// <summary>Paths packed in order into calls of at most <paramref name="count"/> paths whose comma list
        /// is at most <paramref name="length"/> long (a character outside ASCII counting 2).</summary>
        internal static List<List<string>> Batches(IReadOnlyList<string> paths, int count, int length)
        {
            var batches = new List<List<string>>();
            var current = new List<string>();
            var used = 0;
            foreach (var path in paths)
            {
                var add = RbSceneRules.LengthOf(path) + (current.Count > 0 ? 1 : 0);
                if (current.Count > 0 && (current.Count == count || used + add > length))
                {
                    batches.Add(current);
                    current = new List<string>();
                    used = 0;
                    add -= 1;
                }
                current.Add(path);
                used += add;
            }
            if (current.Count > 0) batches.Add(current);
            return batches;
        }
    }
}
