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
    /// <summary>The account over API 2.0 (query_customer), as the same <see cref="RbUser"/>s REST gives.</summary>
    internal sealed class Api2AccountApi : IRbUserReader
    {
        private readonly RbClient client;

        public Api2AccountApi(RbClient client) => this.client = client
            ?? throw new ArgumentNullException(nameof(client));

        /// <summary>
        /// The session's own account (<c>login_name</c> = its account name): the call that proves the credential, as
        /// the official client logs in. An empty answer means the service does not know the account.
        /// </summary>
        [RbSendsApi2("query_customer")]
        public async Task<RbUser> GetUserAsync(CancellationToken cancellationToken)
        {
            var users = await ListUsersAsync(client.AccessId, cancellationToken).ConfigureAwait(false);
            return users.FirstOrDefault(u => u.UserName == client.AccessId) ?? users.FirstOrDefault()
                ?? throw new RbApiException(RbApi2Codes.AccountNotFound, $"No user named {client.AccessId}.",
                    client.Api2Path, null);
        }

        /// <summary>The user of that name, or (none given) the main account and all its sub-accounts.</summary>
        [RbSendsApi2("query_customer")]
        public Task<IReadOnlyList<RbUser>> ListUsersAsync(string? loginName, CancellationToken cancellationToken)
            => client.SendAsync(RbApi2Catalog.QueryCustomer.Operation,
                new RbBody().Add("login_name", string.IsNullOrWhiteSpace(loginName) ? null : loginName),
                r => (IReadOnlyList<RbUser>)RbWire.Read<RbApi2List<RbApi2User>>(r.Data).Data
                    .Select(RbApi2Models.User).ToList(), cancellationToken);

        /// <summary>
        /// Sets who is told of which task event, and how (update_customer): for the session's account, or the
        /// sub-account <see cref="RbNotification.UserName"/> names. Checked before sending
        /// (<see cref="RbApi2Rules.CheckNotification"/>). With <paramref name="readBack"/> the user is read again
        /// (query_customer) and returned, else null. A user the account does not have is Rb.UserNotFound.
        /// </summary>
        [RbSendsApi2("update_customer", "query_customer")]
        public async Task<RbUser?> SetNotificationAsync(RbNotification notification, bool readBack,
            CancellationToken cancellationToken)
        {
            var n = Check(notification);
            var mode = RbNotification.CodeOf(RbNotification.Modes, n.Mode, 1);
            var body = new RbBody().Add("login_name", n.UserName)
                .Add("notification_type", Text(RbNotification.CodeOf(RbNotification.Events, n.Event, 0)))
                .Add("notification_mode", mode > 0 ? Text(mode) : null)
                .Add("notification_address", n.Address);
            var items = await client.SendAsync(RbApi2Catalog.UpdateCustomer.Operation, body,
                r => RbWire.Read<RbApi2List<RbApi2Outcome>>(r.Data).Data, cancellationToken).ConfigureAwait(false);
            var user = n.UserName ?? client.AccessId;
            var item = items.FirstOrDefault(i => i.LoginName == user) ?? items.FirstOrDefault()
                ?? throw new RbProtocolException($"update_customer answered nothing for {user}.", client.Api2Path);
            if (item.Result != "0")
            {
                var text = item.Description ?? item.ResultMessage ?? "";
                throw text.IndexOf("not", StringComparison.OrdinalIgnoreCase) >= 0
                    && text.IndexOf("account", StringComparison.OrdinalIgnoreCase) >= 0
                    ? UserNotFound(user)
                    : new RbApiException(RbCodes.Fail, text, client.Api2Path, null);
            }
            if (!readBack) return null;
            var users = await ListUsersAsync(user, cancellationToken).ConfigureAwait(false);
            return users.FirstOrDefault(u => u.UserName == user) ?? throw UserNotFound(user);
        }

        /// <summary>
        /// The notification as <see cref="SetNotificationAsync"/> will send it, so a cmdlet can refuse it before it
        /// asks ShouldProcess: Rb.NotInProtocol on a REST session, else the input rules' errors. Sends nothing.
        /// </summary>
        public RbNotification Check(RbNotification notification)
        {
            client.CheckSendable(RbApi2Catalog.UpdateCustomer.Operation, null);
            return RbApi2Rules.CheckNotification(notification
                ?? throw new ArgumentNullException(nameof(notification)));
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The error for a user name the account (with its sub-accounts) does not have.</summary>
        internal static RbValidationException UserNotFound(string name)
            => new RbValidationException("Rb.UserNotFound",
                $"There is no user named '{name}' in this account or its sub-accounts.", "UserName",
                "List the account and its sub-accounts with Get-RbUser -All.", name);
    }
}
