using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Submit
{
    /// <summary>
    /// Submits uploaded scenes over API 2.0, one task per scene path, in one call per software (create_task for Maya,
    /// create_max_task, …): the farm analyses and renders them, and billing starts. Writes the new tasks as the farm
    /// shows them; one error per path it did not take. A REST session submits with New-RbTask and Submit-RbTask.
    /// </summary>
    [RbSendsApi2("create_task", "create_max_task", "create_sketchup_task", "create_vrstandalone_task",
        "create_houdini_task", "create_blender_task", "query_task")]
    [Cmdlet(VerbsLifecycle.Submit, "RbScene", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = "Maya")]
    [OutputType(typeof(RbTask))]
    public sealed class SubmitRbSceneCommand : RbSceneSubmitCmdlet
    {
        private readonly List<string> paths = new List<string>();
        private readonly HashSet<string> seen = new HashSet<string>(System.StringComparer.Ordinal);
        private RbSceneSubmission submission = new RbSceneSubmission();

        protected override void BeginProcessing()
        {
            submission = Submission();
            // a wrong setting or a REST session stops the command before anything is asked or sent
            try { ActiveSession.Api2Submit.Check(submission); }
            catch (RbValidationException bad) { ThrowRbError(bad, bad.Target); }
        }

        protected override void ProcessRecord()
        {
            foreach (var given in Path)
            {
                string path = "";
                if (!Guarded(given.Text, () => path = RbSceneRules.Path(given.Text)) || !seen.Add(path)) continue;
                var effect = SubmitStopped ? "it waits stopped, and bills once started"
                    : "it renders at once, and billing starts";
                if (ShouldProcess($"scene {path}",
                    $"Submit as a {submission.Name} task of project '{Project}' with '{Software}' ({effect})"))
                    paths.Add(path);
            }
        }

        protected override void EndProcessing()
        {
            if (paths.Count == 0) return;
            var session = ActiveSession;
            var results = Run(ct => session.Api2Submit.SubmitAsync(submission, paths, ct));
            foreach (var failed in results.Where(r => !r.Succeeded)) WriteRbError(failed.Error!, failed.Path);
            var made = results.Where(r => r.Succeeded).ToList();
            if (made.Count == 0) return;
            WriteVerbose($"Submitted {made.Count} scene(s): tasks {string.Join(", ", made.Select(r => r.TaskId))}.");
            // the tasks as the farm shows them, in the order of the paths
            Guarded(made[0].TaskId, () =>
            {
                var read = Run(ct => session.TaskReader.GetEachAsync(made.Select(r => r.TaskId!.Value), ct));
                foreach (var task in read)
                {
                    if (task.Succeeded) WriteObject(task.Item);
                    else WriteRbError(task.Error!, task.Id);
                }
            });
        }
    }
}
