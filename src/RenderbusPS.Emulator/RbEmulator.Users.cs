using System;
using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Emulator
{
    /// <summary>
    /// The account's users as API 2.0 sees them: the main account and its sub-accounts (query_customer lists them),
    /// and the task-event notification each one has (update_customer sets it; API 2.0 has no action that reads it, so
    /// a test or a user reads it here).
    /// </summary>
    public sealed partial class RbEmulator
    {
        /// <summary>The account's sub-accounts (two seeded: <c>&lt;Account&gt;_artist1</c> and _artist2).</summary>
        public IReadOnlyList<string> SubAccounts
        {
            get { lock (store.Sync) return store.SubAccountList.ToArray(); }
        }

        /// <summary>
        /// Adds a sub-account to the account: query_customer lists it from now on and update_customer accepts it. A
        /// name is 1 to 32 letters, digits or <c>_ - . @</c>, not yet taken.
        /// </summary>
        public void AddSubAccount(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 32 || !name.All(c => char.IsLetterOrDigit(c)
                    || c == '_' || c == '-' || c == '.' || c == '@'))
                throw new ArgumentException($"'{name}' is not a login name: 1 to 32 letters, digits or _ - . @.",
                    nameof(name));
            lock (store.Sync)
            {
                if (store.IsAccount(name))
                    throw new ArgumentException($"The account already has a user named '{name}'.", nameof(name));
                store.SubAccountList.Add(name);
            }
        }

        /// <summary>
        /// The task-event notification update_customer last set for a user (the main account or a sub-account): Event
        /// None when there is none. An unknown user is an error.
        /// </summary>
        public RbNotification GetNotification(string userName)
        {
            lock (store.Sync)
            {
                if (!store.IsAccount(userName))
                    throw new ArgumentException($"The account has no user named '{userName}'.", nameof(userName));
                return store.Notifications.TryGetValue(userName, out var n)
                    ? new RbNotification { UserName = userName, Event = (RbNotificationEvent)n.Type,
                        Mode = (RbNotificationMode)n.Mode, Address = n.Address }
                    : new RbNotification { UserName = userName, Event = RbNotificationEvent.None };
            }
        }
    }
}
