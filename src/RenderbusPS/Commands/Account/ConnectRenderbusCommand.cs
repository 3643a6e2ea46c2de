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
    /// <summary>
    /// Proves an access id and key (or, with -Protocol Api2, an account name and its access key) with one call and
    /// makes
    /// the session the runspace default.
    /// </summary>
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

        /// <summary>The access id; with -Protocol Api2, the account name (hence -Account).</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [Alias("Account")]
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

        /// <summary>REST (the default), or the older API 2.0 (host www5.renderbus.com unless -Domain says
        /// another).</summary>
        [Parameter]
        public RbApiProtocol Protocol { get; set; }

        /// <summary>The path API 2.0 posts to: /api/v2/task/ (the document's) or /api/v1/task (the public
        /// clients').</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Api2Path { get; set; } = RbApi2Catalog.Path;

        [Parameter]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        [ValidateRange(1, int.MaxValue)]
        public int Platform { get; set; } = 2;

        [Parameter]
        public RbPathSet PathSet { get; set; } = RbPathSet.Current;

        /// <summary>The account's zone; by default the domain says it (renderbus 1, foxrenderfarm 2), else the profile
        /// does.</summary>
        [Parameter]
        [ValidateSet("1", "2")]
        public int Zone { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 5;

        /// <summary>Requests a listing, poll or bulk change of this session has in flight at once (1 = one after
        /// another).</summary>
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
                ThrowRbError(
                    new RbValidationException(
                    "Rb.EmulatorStopped", $"The emulator at {Emulator.Domain} was stopped.", "Emulator",
                    "Start a new one with Start-RbEmulator."), Emulator);
            }
            var api2 = Protocol == RbApiProtocol.Api2;
            var options = new RbClientOptions
            {
                Domain = Emulator?.Domain ?? (api2 && !MyInvocation.BoundParameters.ContainsKey(nameof(Domain))
                    ? RbClientOptions.Api2Domain : Domain),
                Protocol = Protocol,
                Api2Path = Api2Path,
                Zone = MyInvocation.BoundParameters.ContainsKey(nameof(Zone)) ? Zone : Emulator?.Zone,
                Platform = Emulator != null && !MyInvocation.BoundParameters.ContainsKey(nameof(Platform))
                    ? Emulator.Platform : Platform,
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
                    EmulatorSet => RbCredential.Create(api2 ? Emulator!.Account : Emulator!.AccessId,
                        Emulator.AccessKey),
                    _ => api2 ? RbCredential.FromApi2Environment() : RbCredential.FromEnvironment(),
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
            WriteVerbose($"Connected to {session} ({session.Protocol}); this is now the default session.");
            if (PassThru) WriteObject(session);
        }
    }
}
