using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Projects over API 2.0 (query_project, create_project, operate_project without a configuration), as the same
    /// <see cref="RbProject"/>s REST gives, with the path, render OS, remark, owner and configurations REST lacks.
    /// </summary>
    internal sealed class Api2ProjectsApi : IRbProjectSource
    {
        private readonly RbClient client;

        public Api2ProjectsApi(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        /// <summary>The projects of the account (Own, WithMainAccount) or with its sub-accounts' (All), or of one
        /// owner; with <see cref="RbProjectQuery.Software"/> those with a configuration of that software.</summary>
        [RbSendsApi2("query_project")]
        public Task<IReadOnlyList<RbProject>> GetProjectsAsync(RbProjectQuery query,
            CancellationToken cancellationToken)
        {
            query ??= new RbProjectQuery();
            var owner = Api2ProjectRules.CheckText(query.Owner, "Owner", 32);
            var software = Api2ProjectRules.CheckText(query.Software, "Software", 32);
            return QueryAsync(new RbBody().Add("sub_account", owner)
                .Add("is_sub_included", owner == null && query.Scope == RbProjectScope.All ? "1" : null)
                .Add("cg_soft_name", software), cancellationToken);
        }

        /// <summary>
        /// The project a reference names (by id, else by name ignoring case, as the farm keeps names unique), among
        /// the account's and its sub-accounts'; <c>Rb.ProjectNotFound</c> otherwise.
        /// </summary>
        [RbSendsApi2("query_project")]
        public async Task<RbProject> FindAsync(RbProject reference, CancellationToken cancellationToken)
        {
            if (reference == null) throw new ArgumentNullException(nameof(reference));
            var name = reference.ProjectId > 0 ? null : RbInputRules.CheckProjectName(reference.Name);
            var found = await QueryAsync(new RbBody().Add("is_sub_included", "1")
                .Add("project_id", reference.ProjectId > 0 ? Text(reference.ProjectId) : null), cancellationToken)
                .ConfigureAwait(false);
            return found.FirstOrDefault(p => reference.ProjectId > 0 ? p.ProjectId == reference.ProjectId
                    : string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new RbValidationException("Rb.ProjectNotFound",
                    $"There is no project {(name == null ? Text(reference.ProjectId) : $"named '{name}'")}.", "Project",
                    "List the projects with Get-RbProject -Scope All.", (object?)name ?? reference.ProjectId);
        }

        private Task<IReadOnlyList<RbProject>> QueryAsync(RbBody body, CancellationToken cancellationToken)
            => client.SendAsync(RbApi2Catalog.QueryProject.Operation, body,
                r => (IReadOnlyList<RbProject>)RbWire.Read<RbApi2List<RbApi2Project>>(r.Data).Data
                    .Select(RbApi2ProjectModels.Project).ToList(), cancellationToken);

        /// <summary>API 2.0's rules for a new project (name of digits and letters, at most 20; lengths).</summary>
        public void Check(RbProjectSpec spec)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            Api2ProjectRules.CheckName(spec.Name, "Name");
            Api2ProjectRules.CheckText(spec.Path, "Path", 256);
            Api2ProjectRules.CheckText(spec.Remark, "Remark", 256);
            Api2ProjectRules.CheckText(spec.Owner, "Owner", 32);
        }

        /// <summary>
        /// Creates a project (create_project) and reads it back. Never sent twice: a lost answer is
        /// <c>Rb.OutcomeUnknown</c> (the catalog's class), as a second create would fail or make a second project.
        /// </summary>
        [RbSendsApi2("create_project", "query_project")]
        public async Task<RbProject> AddProjectAsync(RbProjectSpec spec, CancellationToken cancellationToken)
        {
            Check(spec);
            var body = new RbBody().Add("project_name", spec.Name.Trim()).Add("project_path", spec.Path)
                .Add("render_os", RbApi2ProjectModels.OSText(spec.RenderOS)).Add("user_remark", spec.Remark)
                .Add("sub_account", string.IsNullOrWhiteSpace(spec.Owner) ? null : spec.Owner!.Trim());
            var result = await SendAsync(RbApi2Catalog.CreateProject, body, cancellationToken).ConfigureAwait(false);
            return await FindAsync(result.ProjectId > 0 ? new RbProject { ProjectId = result.ProjectId.Value }
                : new RbProject { Name = spec.Name.Trim() }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Checks a change before anything is sent: at least one thing to change, within API 2.0's
        /// rules.</summary>
        public static void Check(RbProjectChange change)
        {
            if (change == null) throw new ArgumentNullException(nameof(change));
            if (change.IsEmpty) throw new RbValidationException("Rb.NoProjectChange", "Nothing to change.", "NewName",
                "Give -NewName, -Path, -RenderOS or -Remark.");
            if (change.NewName != null) Api2ProjectRules.CheckName(change.NewName, "NewName");
            Api2ProjectRules.CheckText(change.Path, "Path", 256);
            Api2ProjectRules.CheckText(change.Remark, "Remark", 256);
        }

        /// <summary>Renames a project, or changes its path, render OS or remark (operate_project without a
        /// configuration: setting twice acts once), and reads it back.</summary>
        [RbSendsApi2("operate_project", "query_project")]
        public async Task<RbProject> SetProjectAsync(RbProject project, RbProjectChange change,
            CancellationToken cancellationToken)
        {
            Check(change);
            var body = Target(project).Add("project_name", change.NewName?.Trim()).Add("project_path", change.Path)
                .Add("render_os", RbApi2ProjectModels.OSText(change.RenderOS)).Add("user_remark", change.Remark);
            await SendAsync(RbApi2Catalog.OperateProject, body, cancellationToken).ConfigureAwait(false);
            return await FindAsync(new RbProject { ProjectId = project.ProjectId }, cancellationToken)
                .ConfigureAwait(false);
        }

        /// <summary>operate_project's body naming a project, and its owner when that is a sub-account (the farm
        /// checks it; the session's own account is the default).</summary>
        internal RbBody Target(RbProject project)
            => new RbBody().Add("project_id", Text(project.ProjectId)).Add("sub_account",
                string.IsNullOrEmpty(project.Owner) || project.Owner == client.AccessId ? null : project.Owner);

        /// <summary>Sends create_project or operate_project; a business refusal in the body is an error.</summary>
        internal async Task<RbApi2ProjectResult> SendAsync(RbApi2Action action, RbBody body,
            CancellationToken cancellationToken)
        {
            var result = await client.SendAsync(action.Operation, body, r => RbWire.Read<RbApi2ProjectResult>(r.Data),
                cancellationToken).ConfigureAwait(false);
            if ((result.CreateResult ?? result.OperateResult ?? "0") == "0") return result;
            var text = string.IsNullOrWhiteSpace(result.Description) ? $"{action.Name} failed." : result.Description!;
            // the same ids as REST: a taken name is ParameterInvalid there, anything else a plain failure
            throw new RbApiException(text.IndexOf("already exists", StringComparison.OrdinalIgnoreCase) >= 0
                ? RbCodes.ParameterInvalid : RbCodes.Fail, text, client.Api2Path, null);
        }

        internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>API 2.0's input rules for projects (API2-NOTES §2.6, §2.7): checked before anything is sent.</summary>
    internal static class Api2ProjectRules
    {
        /// <summary>A project name of digits and Latin letters, at most 20 (create_project, operate_project).</summary>
        public static string CheckName(string? name, string parameter)
        {
            var n = (name ?? "").Trim();
            if (n.Length == 0 || n.Length > 20 || !n.All(c => c < 0x80 && char.IsLetterOrDigit(c)))
                throw new RbValidationException("Rb.InvalidProjectName",
                    $"'{name}' is not an API 2.0 project name: 1 to 20 digits or Latin letters, nothing else.",
                    parameter, "Give a name such as ep01shots (no spaces, dashes or underscores).", name);
            return n;
        }

        /// <summary>Text of at most <paramref name="max"/> (a character outside ASCII counts 2, as the farm counts),
        /// trimmed; null or blank stays null.</summary>
        public static string? CheckText(string? text, string parameter, int max)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var t = text!.Trim();
            var length = t.Sum(c => c < 0x80 ? 1 : 2);
            if (length > max) throw new RbValidationException("Rb.ProjectTextTooLong",
                $"-{parameter} is {length} long; API 2.0 takes at most {max} (a non-ASCII character counts 2).",
                parameter, $"Shorten -{parameter}.", text);
            return t;
        }
    }
}
