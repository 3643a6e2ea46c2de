using System;
using System.Collections.Generic;
using System.Linq;

namespace RenderbusPS.Emulator
{
    /// <summary>A user's task-event notification as update_customer set it on the emulator.</summary>
    public sealed class RbEmulatorNotification
    {
        internal RbEmulatorNotification(string userName, string @event, string? mode, string? address)
        {
            UserName = userName;
            Event = @event;
            Mode = mode;
            Address = address;
        }

        public string UserName { get; }
        /// <summary>None, TaskStart, TaskDone or TaskFailed (notification_type 0 to 3).</summary>
        public string Event { get; }
        /// <summary>Url, Email or Sms (notification_mode 1 to 3); null with Event None.</summary>
        public string? Mode { get; }
        public string? Address { get; }

        public override string ToString() => Mode == null ? $"{UserName}: {Event}"
            : $"{UserName}: {Event} by {Mode} to {Address}";
    }

    /// <summary>
    /// The account's users as API 2.0 sees them: the main account and its sub-accounts (query_customer lists them),
    /// and the task-event notification each one has (update_customer sets it; API 2.0 has no action that reads it, so
    /// a test or a user reads it here).
    /// </summary>
    public sealed partial class RbEmulator
    {
        private static readonly string[] NotificationEvents = { "None", "TaskStart", "TaskDone", "TaskFailed" };
        private static readonly string[] NotificationModes = { "Url", "Email", "Sms" };

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
        public RbEmulatorNotification GetNotification(string userName)
        {
            lock (store.Sync)
            {
                if (!store.IsAccount(userName))
                    throw new ArgumentException($"The account has no user named '{userName}'.", nameof(userName));
                return store.Notifications.TryGetValue(userName, out var n)
                    ? new RbEmulatorNotification(userName, NotificationEvents[n.Type], NotificationModes[n.Mode - 1],
                        n.Address)
                    : new RbEmulatorNotification(userName, "None", null, null);
            }
        }
    }
}
