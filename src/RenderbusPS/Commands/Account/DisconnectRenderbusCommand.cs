using System.Management.Automation;
using RenderbusPS.Core;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Ends a session and removes it as the default.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Renderbus", SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class DisconnectRenderbusCommand : RbCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RbSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session ?? RbSessionStore.Default;
            if (session == null)
            {
                WriteVerbose("There is no Renderbus session to disconnect.");
                return;
            }
            if (!ShouldProcess(session.ToString(), "Disconnect")) return;
            RbSessionStore.Forget(session);
            session.Dispose();
            WriteVerbose($"Disconnected from {session.Domain}.");
        }
    }
}
