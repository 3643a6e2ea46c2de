using RenderbusPS.Core.Catalog;
using System.Globalization;
using System.Management.Automation;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Shows the account's profile; on API 2.0 also the main account and its sub-accounts.</summary>
    [RbSends(nameof(RbCatalog.QueryUserProfile))]
    [RbSendsApi2("query_customer")]
    [Cmdlet(VerbsCommon.Get, "RbUser", DefaultParameterSetName = SelfSet)]
    [OutputType(typeof(RbUser))]
    public sealed class GetRbUserCommand : RbSessionCmdlet
    {
        private const string SelfSet = "Self";
        private const string NameSet = "Name";
        private const string AllSet = "All";

        /// <summary>Users by login name (wildcards allowed) among the main account and its sub-accounts.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>The main account and all its sub-accounts.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (ParameterSetName == SelfSet)
            {
                Guarded(session.AccessId, () => WriteObject(Run(ct => session.UserReader.GetUserAsync(ct))));
                return;
            }
            // query_customer without a name lists the main account with its sub-accounts (API 2.0 only: a REST
            // session refuses it with Rb.NotInProtocol before sending)
            Guarded(null, () =>
            {
                var users = Run(ct => session.Api2Account.ListUsersAsync(null, ct));
                WriteObject(RbNameFilter.Select(this, users, Name, u => u.UserName,
                    u => u.UserId.ToString(CultureInfo.InvariantCulture), "Rb.UserNotFound", "user"), true);
            });
        }
    }
}
