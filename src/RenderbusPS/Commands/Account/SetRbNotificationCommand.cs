using System.Management.Automation;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Sets the task event the farm notifies a user of, and how (API 2.0's update_customer).</summary>
    [RbSendsApi2("update_customer", "query_customer")]
    [Cmdlet(VerbsCommon.Set, "RbNotification", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbUser))]
    public sealed class SetRbNotificationCommand : RbSessionCmdlet
    {
        /// <summary>TaskStart, TaskDone, TaskFailed, or None to turn notifications off.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("None", "TaskStart", "TaskDone", "TaskFailed")]
        public string? Event { get; set; }

        /// <summary>Url (the farm calls it), Email or Sms; needed unless -Event is None.</summary>
        [Parameter(Position = 1)]
        [ValidateSet("Url", "Email", "Sms")]
        public string? Mode { get; set; }

        /// <summary>The URL, e-mail address or phone number, as -Mode says.</summary>
        [Parameter(Position = 2)]
        [ValidateNotNullOrEmpty]
        public string? Address { get; set; }

        /// <summary>The sub-account to set it for; by default the session's account.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [RbKey(RbKind.User)]
        [ValidateNotNullOrEmpty]
        public string? UserName { get; set; }

        /// <summary>Writes the user read back.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            RbNotification? wanted = null;
            var given = new RbNotification { UserName = UserName, Event = Event!, Mode = Mode, Address = Address };
            if (!Guarded(UserName ?? session.UserName, () => wanted = session.Api2Account.Check(given))) return;
            var who = wanted!.UserName ?? session.UserName ?? session.AccessId;
            if (!ShouldProcess($"user {who}", Effect(wanted))) return;
            Guarded(who, () =>
            {
                var user = Run(ct => session.Api2Account.SetNotificationAsync(wanted, PassThru, ct));
                if (user != null) WriteObject(user);
            });
        }

        private static string Effect(RbNotification n)
        {
            if (n.Mode == null) return "Turn off task-event notifications";
            var when = n.Event == "TaskStart" ? "a task starts rendering"
                : n.Event == "TaskDone" ? "a task finishes" : "a task fails";
            var how = n.Mode == "Url" ? "call " + n.Address
                : n.Mode == "Email" ? "e-mail " + n.Address : "send a text message to " + n.Address;
            return $"Notify only when {when}: {how} (replaces the notification set before)";
        }
    }
}
