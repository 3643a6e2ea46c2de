using System;
using System.Management.Automation;
using System.Security;
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
        internal const string IdVariable = "RAYVISION_API_ACCESS_ID";
        internal const string KeyVariable = "RAYVISION_API_KEY";

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
        [ValidateNotNullOrEmpty]
        public string Domain { get; set; } = "task.renderbus.com";

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Platform { get; set; } = 2;

        [Parameter]
        public RbPathSet PathSet { get; set; } = RbPathSet.Current;

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 60;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; } = 2;

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
                Domain = Domain,
                Platform = Platform,
                PathSet = PathSet,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                MaxRetries = MaxRetries,
                Proxy = Proxy,
                Credential = MakeCredential(),
            };
            if (Emulator != null)
            {
                options.Domain = Emulator.Domain;
                options.Zone = Emulator.Zone;
                if (!MyInvocation.BoundParameters.ContainsKey(nameof(Platform))) options.Platform = Emulator.Platform;
            }

            RbSession session;
            try
            {
                session = Run(ct => RbSession.ConnectAsync(options, ct));
            }
            catch (Exception ex)
            {
                options.Credential.Dispose();
                if (ex is PipelineStoppedException) throw;
                ThrowRbError(ex, options.Domain);
                return;
            }
            RbSessionStore.Default = session;
            WriteVerbose($"Connected to {session.Domain} (platform {session.Platform}) as {session.UserName}; this is now the default session.");
            if (PassThru) WriteObject(session);
        }

        private RbCredential MakeCredential()
        {
            switch (ParameterSetName)
            {
                case CredentialSet:
                    return Checked(() => new RbCredential(Credential!.UserName, Credential.Password));
                case KeySet:
                    return Checked(() => new RbCredential(AccessId!, AccessKey!));
                case EmulatorSet:
                    return Checked(() => new RbCredential(Emulator!.AccessId, Emulator.AccessKey));
                default:
                    var id = Environment.GetEnvironmentVariable(IdVariable);
                    var key = Environment.GetEnvironmentVariable(KeyVariable);
                    if (string.IsNullOrWhiteSpace(id) || string.IsNullOrEmpty(key))
                    {
                        ThrowRbError(new RbValidationException("Rb.NoCredential",
                            $"No credential was given and the environment variables {IdVariable} and {KeyVariable} are not both set.", "Credential",
                            "Pass -Credential (user name = access id, password = access key), or -AccessId with -AccessKey, or set both variables."), null);
                    }
                    return Checked(() => new RbCredential(id!, RbCredential.ToSecureString(key!)));
            }
        }

        private RbCredential Checked(Func<RbCredential> make)
        {
            try
            {
                return make();
            }
            catch (ArgumentException ex)
            {
                ThrowRbError(new RbValidationException("Rb.InvalidCredential", ex.Message, ex.ParamName ?? "Credential",
                    "Give a non-empty access id and access key (Renderbus web console > User center > API)."), null);
                throw;
            }
        }
    }

    /// <summary>Ends a session and removes it as the default.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Renderbus", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
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
            if (ReferenceEquals(RbSessionStore.Default, session)) RbSessionStore.Default = null;
            session.Dispose();
            WriteVerbose($"Disconnected from {session.Domain}.");
        }
    }

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
