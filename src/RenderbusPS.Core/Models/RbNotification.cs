using System;
using System.Linq;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// A user's task-event notification for update_customer: which event (<see cref="Events"/>), how
    /// (<see cref="Modes"/>) and where to. Internal: the cmdlet takes the names, the emulator shows what was set.
    /// </summary>
    internal sealed class RbNotification
    {
        /// <summary>The events by <c>notification_type</c> (0 none, 1 task start, 2 task done, 3 task failed).</summary>
        public static readonly string[] Events = { "None", "TaskStart", "TaskDone", "TaskFailed" };

        /// <summary>The modes by <c>notification_mode</c> less 1 (1 URL callback, 2 e-mail, 3 SMS).</summary>
        public static readonly string[] Modes = { "Url", "Email", "Sms" };

        /// <summary>The user it is for; null for the session's account.</summary>
        public string? UserName { get; set; }
        public string Event { get; set; } = "None";
        public string? Mode { get; set; }
        public string? Address { get; set; }

        /// <summary>The wire code of a name of <paramref name="names"/> (any case), plus <paramref name="offset"/>;
        /// -1 for none.</summary>
        public static int CodeOf(string[] names, string? name, int offset)
        {
            var i = Array.FindIndex(names, n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            return i < 0 ? -1 : i + offset;
        }

        public override string ToString() => Event == "None" ? $"{UserName}: no notification"
            : $"{UserName}: {Event} by {Mode} to {Address}";
    }
}
