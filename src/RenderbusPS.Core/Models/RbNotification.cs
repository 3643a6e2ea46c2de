namespace RenderbusPS.Core.Models
{
    /// <summary>The task event a notification is sent for (API 2.0's <c>notification_type</c>).</summary>
    public enum RbNotificationEvent
    {
        /// <summary>No notification (the default).</summary>
        None = 0,
        TaskStart = 1,
        TaskDone = 2,
        TaskFailed = 3,
    }

    /// <summary>How a notification is sent (API 2.0's <c>notification_mode</c>).</summary>
    public enum RbNotificationMode
    {
        /// <summary>The farm calls a URL (a callback).</summary>
        Url = 1,
        Email = 2,
        Sms = 3,
    }

    /// <summary>
    /// A user's task-event notification as set with update_customer: which event, how, and where to. API 2.0 has no
    /// action that reads it back, so this is what was set.
    /// </summary>
    public sealed class RbNotification
    {
        [RbKey(RbKind.User)]
        public string? UserName { get; set; }
        public RbNotificationEvent Event { get; set; }
        /// <summary>Null when <see cref="Event"/> is None.</summary>
        public RbNotificationMode? Mode { get; set; }
        /// <summary>The URL, e-mail address or phone number; null when <see cref="Event"/> is None.</summary>
        public string? Address { get; set; }

        public override string ToString() => Event == RbNotificationEvent.None ? $"{UserName}: no notification"
            : $"{UserName}: {Event} by {Mode} to {Address}";
    }
}
