using System.Linq;
using System.Management.Automation;
using RenderbusPS.Emulator;

namespace RenderbusPS.Commands.Emulator
{
    /// <summary>Stops emulators started with Start-RbEmulator (all of them when none is given).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "RbEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class StopRbEmulatorCommand : RbCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public RbEmulator[]? Emulator { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var emulator in Emulator ?? StartRbEmulatorCommand.Running.Keys.ToArray())
            {
                if (!emulator.IsRunning || !ShouldProcess(emulator.Domain, "Stop the Renderbus emulator")) continue;
                emulator.Stop();
                StartRbEmulatorCommand.Running.TryRemove(emulator, out _);
                WriteVerbose($"Stopped the emulator at {emulator.Domain}.");
            }
        }
    }
}
