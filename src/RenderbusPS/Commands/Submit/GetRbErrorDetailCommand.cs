using System.Collections.Generic;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Submit
{
    /// <summary>
    /// Explains error codes: what went wrong and how to fix it. A piped task brings its ErrorCode (a task without one
    /// is skipped); codes are sent together, up to 100 a call; a code the service does not know is one error.
    /// </summary>
    [RbSends(nameof(RbCatalog.QueryAnalyseErrorDetail))]
    [Cmdlet(VerbsCommon.Get, "RbErrorDetail")]
    [OutputType(typeof(RbErrorDetail))]
    public sealed class GetRbErrorDetailCommand : RbSessionCmdlet
    {
        private readonly List<string> pending = new List<string>();
        private readonly HashSet<string> seen = new HashSet<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ErrorCode")]
        [RbKey(RbKind.ErrorCode)]
        [AllowNull]
        [AllowEmptyCollection]
        public string[]? Code { get; set; }

        /// <summary>Language of the description and solution.</summary>
        [Parameter]
        public RbLanguage Language { get; set; } = RbLanguage.English;

        protected override void ProcessRecord()
        {
            if (Code == null || Code.Length == 0)
            {
                WriteVerbose("No error code on this input; nothing to look up.");
                return;
            }
            foreach (var code in Code)
            {
                if (code == null || !seen.Add(code.Trim())) continue;
                if (!Guarded(code, () => SubmitApi.CheckCodes(new[] { code }))) continue;
                pending.Add(code.Trim());
                if (pending.Count >= SubmitApi.CodeLimit) Flush();
            }
        }

        protected override void EndProcessing()
        {
            if (pending.Count > 0) Flush();
        }

        private void Flush()
        {
            var codes = pending.ToArray();
            pending.Clear();
            var session = ActiveSession;
            foreach (var result in Run(ct => session.Submit.GetErrorDetailsAsync(codes, Language, ct)))
            {
                if (result.Error != null) WriteRbError(result.Error, result.Code);
                foreach (var detail in result.Details) WriteObject(detail);
            }
        }
    }
}
