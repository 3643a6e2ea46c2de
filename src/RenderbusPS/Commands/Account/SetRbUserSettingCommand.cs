using System;
using System.Management.Automation;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Changes the account's default task time-out (the tasks submitted from then on take it).</summary>
    [RbSends(nameof(RbCatalog.UpdateUserSetting), nameof(RbCatalog.QueryUserSetting))]
    [Cmdlet(VerbsCommon.Set, "RbUserSetting", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RbUserSetting))]
    public sealed class SetRbUserSettingCommand : RbSessionCmdlet
    {
        /// <summary>How long a frame may render before its task stops; a plain number is seconds.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [RbSeconds]
        public TimeSpan TaskTimeout { get; set; }

        /// <summary>Write the settings as they are afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            // a wrong value (or one this session's path set cannot carry) stops the command before anything is asked or
            // sent
            try { ActiveSession.Account.CheckTaskTimeout(TaskTimeout); }
            catch (RbValidationException ex) { ThrowRbError(ex, ex.Target); }
        }

        protected override void ProcessRecord()
        {
            var session = ActiveSession;
            if (!ShouldProcess($"account {session.AccessId}",
                $"Set the default task time-out to {TaskTimeout} ({(long)TaskTimeout.TotalSeconds} s): frames of tasks submitted from now on that render longer stop their task"))
                return;
            Guarded(session.AccessId, () =>
            {
                var setting = Run(ct => session.Account.SetTaskTimeoutAsync(TaskTimeout, ct));
                if (PassThru) WriteObject(setting);
            });
        }
    }
}
