using System;
using System.Linq;
using System.Text.RegularExpressions;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Api
{
    /// <summary>The input rules of API 2.0's account actions and raw calls, checked before anything is sent.</summary>
    internal static class RbApi2Rules
    {
        public static readonly RbInputRule UserName = new RbInputRule("Rb.InvalidUserName", "UserName",
            "A user name is the login name of the account or one of its sub-accounts: at most 32 characters, no "
                + "control characters.",
            "Give a name as Get-RbUser -All shows it in UserName.");

        public static readonly RbInputRule Notification = new RbInputRule("Rb.InvalidNotification", "Event",
            "-Event TaskStart, TaskDone or TaskFailed needs -Mode and -Address; -Event None takes neither.",
            "Give -Mode Url|Email|Sms with -Address, or -Event None alone to turn notifications off.");

        public static readonly RbInputRule NotificationAddress = new RbInputRule("Rb.InvalidNotificationAddress",
            "Address",
            "-Address fits -Mode: an http(s) URL for Url, an e-mail address for Email, a phone number (digits, an "
                + "optional leading +) for Sms; at most 256 characters.",
            "For example -Mode Url -Address https://hooks.example.com/rb, -Mode Email -Address ops@example.com, "
                + "-Mode Sms -Address +8613800000000.");

        public static readonly RbInputRule ApiAction = new RbInputRule("Rb.UnknownApiAction", "Action",
            "-Action is one of API 2.0's 14 actions, as the document writes them (lower case, underscores).",
            "Press Tab after -Action to pick one.");

        /// <summary>The longest notification address update_customer takes.</summary>
        public const int MaxNotificationAddress = 256;

        private static readonly Regex EmailShape = new Regex(@"^[^@\s<>]+@[^@\s<>.]+(\.[^@\s<>.]+)+$");
        private static readonly Regex PhoneShape = new Regex(@"^\+?[0-9]{5,20}$");

        /// <summary>The login name trimmed, or null for none; Rb.InvalidUserName when it cannot be one.</summary>
        public static string? CheckUserName(string? name)
            => name == null ? null : RbInputRules.CheckText(UserName, "The user name", name, 32);

        /// <summary>
        /// The notification as it will be sent (names in their own case): mode and address only with an event, the
        /// address of the mode's shape; Rb.InvalidNotification or Rb.InvalidNotificationAddress otherwise.
        /// </summary>
        public static RbNotification CheckNotification(RbNotification n)
        {
            var user = CheckUserName(n.UserName);
            var type = RbNotification.CodeOf(RbNotification.Events, n.Event, 0);
            if (type < 0) throw Notification.Error(
                $"-Event '{Shown(n.Event ?? "")}' is not one of {string.Join(", ", RbNotification.Events)}.", n.Event);
            if (type == 0)
            {
                if (n.Mode != null || n.Address != null) throw Notification.Error(
                    "-Event None turns notifications off: it takes no -Mode or -Address.", n.Event);
                return new RbNotification { UserName = user };
            }
            var eventName = RbNotification.Events[type];
            if (n.Mode == null || string.IsNullOrWhiteSpace(n.Address)) throw Notification.Error(
                $"-Event {eventName} needs -Mode and -Address: how and where to send the notification.", n.Event);
            var mode = RbNotification.CodeOf(RbNotification.Modes, n.Mode, 1);
            if (mode < 0) throw Notification.Error(
                $"-Mode '{Shown(n.Mode)}' is not one of {string.Join(", ", RbNotification.Modes)}.", n.Mode);
            var modeName = RbNotification.Modes[mode - 1];
            var address = n.Address!.Trim();
            if (address.Length > MaxNotificationAddress) throw NotificationAddress.Error(
                $"The address is {address.Length} characters long; at most {MaxNotificationAddress} are allowed.",
                address);
            var wrong = mode == 1
                ? Uri.TryCreate(address, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    && uri.Host.Length > 0 && !address.Any(char.IsWhiteSpace)
                    ? null : "is not an http or https URL"
                : mode == 2 ? EmailShape.IsMatch(address) ? null : "is not an e-mail address"
                : PhoneShape.IsMatch(address) ? null
                    : "is not a phone number (5 to 20 digits, an optional leading +, no spaces)";
            if (wrong != null) throw NotificationAddress.Error($"-Mode {modeName}: '{Shown(address)}' {wrong}.",
                address);
            return new RbNotification { UserName = user, Event = eventName, Mode = modeName, Address = address };
        }

        /// <summary>The action of that name; Rb.UnknownApiAction, listing the 14, for any other name.</summary>
        public static RbApi2Action CheckApiAction(string? name)
            => RbApi2Catalog.Find(name?.Trim()) ?? throw ApiAction.Error(
                $"'{Shown(name ?? "")}' is not an API 2.0 action; the actions are "
                    + string.Join(", ", RbApi2Catalog.All.Select(a => a.Name)) + ".", name);

        private static string Shown(string text)
        {
            var t = text.Length > 60 ? text.Substring(0, 60) + "..." : text;
            return new string(t.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        }
    }
}
