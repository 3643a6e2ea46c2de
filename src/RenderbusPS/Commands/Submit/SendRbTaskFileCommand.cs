using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;

namespace RenderbusPS.Commands.Submit
{
    /// <summary>
    /// Uploads a task file (task.json, upload.json, asset.json, tips.json) to tasks. The content is checked to be JSON
    /// before anything is sent; a malformed file stops the command with the file and the position named.
    /// </summary>
    [RbSends(nameof(RbCatalog.TaskJsonFile), nameof(RbCatalog.QueryTaskInfo))]
    [Cmdlet(VerbsCommunications.Send, "RbTaskFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low,
        DefaultParameterSetName = PathSet)]
    [OutputType(typeof(RbTask))]
    public sealed class SendRbTaskFileCommand : RbSessionCmdlet
    {
        private const string PathSet = "Path";
        private const string ContentSet = "Content";
        private RbTaskFile? file;
        private RbIdBatch? seen;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [RbKey(RbKind.Task)]
        public long[] Id { get; set; } = Array.Empty<long>();

        /// <summary>The file to upload; its name is the file name unless -FileName says otherwise.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>The JSON text to upload.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ContentSet)]
        [AllowEmptyString]
        public string Content { get; set; } = "";

        /// <summary>task.json, upload.json, asset.json or tips.json.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FileName { get; set; }

        /// <summary>Write the tasks after the upload.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                file = ParameterSetName == PathSet
                    ? RbTaskFile.FromPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), FileName)
                    : RbTaskFile.FromContent(Content, FileName ?? "task.json");
            }
            catch (Core.RbValidationException ex)
            {
                ThrowRbError(ex, ex.Target);
            }
        }

        protected override void ProcessRecord()
        {
            seen ??= new RbIdBatch(RbCatalog.TaskIdLimit);
            foreach (var id in Id)
            {
                if (!seen.IsNew(id)) continue;
                if (!Guarded(id, () => Core.RbInputRules.CheckIds(new[] { id }))) continue;
                if (!ShouldProcess(
                    $"task {id}",
                    $"Upload {file!.FileName} ({file.Content.Length} characters from {file.Source})")) continue;
                var session = ActiveSession;
                var result = Run(ct => session.Submit.SendFileAsync(new[] { id }, file, ct)).Single();
                if (!result.Succeeded)
                {
                    WriteRbError(result.Error!, id);
                    continue;
                }
                WriteVerbose($"Uploaded {file.FileName} to task {id}.");
                if (PassThru) Guarded(
                    id, () => WriteObject(Run(ct => session.Tasks.GetEachAsync(new[] { id }, ct)).Single().Item));
            }
        }
    }
}
