using System;
using System.Management.Automation;

namespace RenderbusPS
{
    /// <summary>
    /// ShouldProcess for an action that cannot be undone on a cmdlet declared Medium: it also asks, as a ConfirmImpact
    /// High cmdlet would, when ShouldProcess did not (no -Confirm and $ConfirmPreference High).
    /// </summary>
    internal sealed class RbHighImpactConfirm
    {
        private bool yesToAll;
        private bool noToAll;

        public bool ShouldProcess(PSCmdlet cmdlet, string target, string action, bool highImpact)
        {
            if (!cmdlet.ShouldProcess(target, action)) return false;
            if (!highImpact || cmdlet.MyInvocation.BoundParameters.ContainsKey("Confirm")) return true;
            var preference = cmdlet.GetVariableValue("ConfirmPreference");
            var level = preference is ConfirmImpact impact ? impact
                : Enum.TryParse<ConfirmImpact>(preference?.ToString(), true, out var parsed) ? parsed
                    : ConfirmImpact.High;
            // None: never ask; Low/Medium: ShouldProcess has just asked
            if (level != ConfirmImpact.High) return true;
            return cmdlet.ShouldContinue($"{action}: {target}. This cannot be undone.", "Confirm", ref yesToAll,
                ref noToAll);
        }
    }
}
