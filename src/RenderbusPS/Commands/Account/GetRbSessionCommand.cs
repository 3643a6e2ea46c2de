using System.Management.Automation;
using RenderbusPS.Core;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Shows the default session.</summary>
    [Cmdlet(VerbsCommon.Get, "RbSession")]
    [OutputType(typeof(RbSession))]
    public sealed class GetRbSessionCommand : RbCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = RbSessionStore.Default;
            if (session != null) WriteObject(session);
            else WriteVerbose("There is no Renderbus session; run Connect-Renderbus.");
        }
    }
}
