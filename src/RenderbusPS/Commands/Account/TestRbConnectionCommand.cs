using System;
using System.Linq;
using System.Management.Automation;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Commands.Account
{
    /// <summary>
    /// Checks a connection, made or not yet made: host, clock, credential, zone, platform and balance, one result
    /// each. A failed check is a result, never an error.
    /// </summary>
    [RbSends(nameof(RbCatalog.QueryUserProfile), nameof(RbCatalog.QueryPlatforms))]
    [Cmdlet(VerbsDiagnostic.Test, "RbConnection", DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(RbConnectionCheck))]
    [OutputType(typeof(bool))]
    public sealed class TestRbConnectionCommand : RbCmdlet
    {
        private const string SessionSet = "Session";
        private const string EnvironmentSet = "Environment";
        private const string CredentialSet = "Credential";
        private const string EmulatorSet = "Emulator";

        /// <summary>The session to test; by default the runspace's, else the environment's credential.</summary>
        [Parameter(ParameterSetName = SessionSet)]
        [ValidateNotNull]
        public RbSession? Session { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = EmulatorSet)]
        [ValidateNotNull]
        public RbEmulator? Emulator { get; set; }

        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DomainCompleter))]
        public string Domain { get; set; } = "task.renderbus.com";

        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = EmulatorSet)]
        [ValidateRange(1, int.MaxValue)]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public int Platform { get; set; } = 2;

        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = EmulatorSet)]
        [ValidateSet("1", "2")]
        public int Zone { get; set; }

        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 15;

        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        public Uri? Proxy { get; set; }

        /// <summary>The balance the Balance check wants at least; without it, more than 0.</summary>
        [Parameter]
        public decimal MinimumBalance { get; set; }

        /// <summary>One boolean instead of the results: true when every check passed.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            var given = MyInvocation.BoundParameters;
            decimal? minimum = given.ContainsKey(nameof(MinimumBalance)) ? MinimumBalance : (decimal?)null;
            var session = ParameterSetName == SessionSet ? Session ?? RbSessionStore.Default : null;
            if (Emulator != null && !Emulator.IsRunning)
                ThrowRbError(new RbValidationException("Rb.EmulatorStopped", $"The emulator at {Emulator.Domain} was "
                    + "stopped.", "Emulator", "Start a new one with Start-RbEmulator."), Emulator);
            try
            {
                var client = session?.Client;
                var checks = client != null
                    ? Run(ct => new RbConnectionTest(client, minimum).RunAsync(ct))
                    : Run(ct => RbConnectionTest.RunAsync(new RbClientOptions
                    {
                        Domain = Emulator?.Domain ?? Domain,
                        Zone = given.ContainsKey(nameof(Zone)) ? Zone : Emulator?.Zone,
                        Platform = Emulator != null && !given.ContainsKey(nameof(Platform)) ? Emulator.Platform
                            : Platform,
                        Timeout = TimeSpan.FromSeconds(TimeoutSec),
                        // one retry: a test that rides out a bad network for minutes would hide it
                        MaxRetries = 1,
                        Proxy = Proxy,
                        Credential = Credential != null ? RbCredential.Create(Credential.UserName, Credential.Password)
                            : Emulator != null ? RbCredential.Create(Emulator.AccessId, Emulator.AccessKey) : null,
                    }, minimum, ct));
                if (Quiet) WriteObject(checks.All(c => c.Passed));
                else WriteObject(checks, true);
            }
            catch (Exception ex) when (RbErrorKinds.IsCoreError(ex))
            {
                ThrowRbError(ex, (object?)session ?? Emulator?.Domain ?? Domain);
            }
        }
    }
}
