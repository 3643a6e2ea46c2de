using System;
using System.Management.Automation;
using System.Security;
using RenderbusPS.Completers;
using RenderbusPS.Core;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Commands.Account
{
    /// <summary>Proves an access id and key with one call and makes the session the runspace default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Renderbus", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(RbSession))]
    public sealed class ConnectRenderbusCommand : RbCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string CredentialSet = "Credential";
        private const string KeySet = "AccessKey";
        private const string EmulatorSet = "Emulator";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string? AccessId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString? AccessKey { get; set; }

        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = EmulatorSet)]
        [ValidateNotNull]
        public RbEmulator? Emulator { get; set; }

        [Parameter(ParameterSetName = EnvironmentSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = KeySet)]
        [ArgumentCompleter(typeof(DomainCompleter))]
        [ValidateNotNullOrEmpty]
        public string Domain { get; set; } = "task.renderbus.com";

        [Parameter]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int Platform { get; set; } = 2;

        [Parameter]
        public RbPathSet PathSet { get; set; } = RbPathSet.Current;

        /// <summary>The account's zone; by default the domain says it (renderbus 1, foxrenderfarm 2), else the profile does.</summary>
        [Parameter]
        [ValidateSet("1", "2")]
        public int Zone { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 5;

        /// <summary>Requests a listing, poll or bulk change of this session has in flight at once (1 = one after another).</summary>
        [Parameter]
        [ValidateRange(1, RbInputRules.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = RbInputRules.DefaultThrottleLimit;

        [Parameter]
        public Uri? Proxy { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (Emulator != null && !Emulator.IsRunning)
            {
                ThrowRbError(new RbValidationException("Rb.EmulatorStopped", $"The emulator at {Emulator.Domain} was stopped.", "Emulator",
                    "Start a new one with Start-RbEmulator."), Emulator);
            }
            var options = new RbClientOptions
            {
                Domain = Emulator?.Domain ?? Domain,
                Zone = MyInvocation.BoundParameters.ContainsKey(nameof(Zone)) ? Zone : Emulator?.Zone,
                Platform = Emulator != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Platform)) ? Emulator.Platform : Platform,
                PathSet = PathSet,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxRetries = MaxRetries,
                ThrottleLimit = ThrottleLimit,
                Proxy = Proxy,
            };

            RbSession session;
            try
            {
                options.Credential = ParameterSetName switch
                {
                    CredentialSet => RbCredential.Create(Credential!.UserName, Credential.Password),
                    KeySet => RbCredential.Create(AccessId!, AccessKey!),
                    EmulatorSet => RbCredential.Create(Emulator!.AccessId, Emulator.AccessKey),
                    _ => RbCredential.FromEnvironment(),
                };
                session = Run(ct => RbSession.ConnectAsync(options, ct));
            }
            catch (Exception ex)
            {
                options.Credential?.Dispose();
                if (ex is PipelineStoppedException) throw;
                ThrowRbError(ex, options.Domain);
                return;
            }
            RbSessionStore.Replace(session, handedOut: PassThru);
            WriteVerbose($"Connected to {session.Domain} (platform {session.Platform}) as {session.UserName}; this is now the default session.");
            if (PassThru) WriteObject(session);
        }
    }
}
