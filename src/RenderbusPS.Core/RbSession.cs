using System;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core
{
    /// <summary>
    /// A proven connection to Renderbus: one client, one credential, fixed options. Made by <see cref="ConnectAsync"/>;
    /// never shows the access key.
    /// </summary>
    public sealed class RbSession : IDisposable
    {
        private readonly RbClient client;
        private readonly RbCredential credential;
        // a session made by WithThrottleLimit lives as long as the one it was made from, and owns nothing
        private readonly RbSession? owner;
        private int disposed;

        private RbSession(RbClient client, RbCredential credential, RbUser user)
        {
            this.client = client;
            this.credential = credential;
            UserName = user.UserName;
            UserId = user.UserId;
            ConnectedAt = DateTimeOffset.Now;
        }

        private RbSession(RbSession owner, RbClient client)
        {
            this.owner = owner;
            this.client = client;
            credential = owner.credential;
            UserName = owner.UserName;
            UserId = owner.UserId;
            ConnectedAt = owner.ConnectedAt;
        }

        /// <summary>
        /// Makes a client, proves the credential with one call (REST: the user profile; API 2.0: query_customer), and
        /// returns the session.
        /// </summary>
        public static async Task<RbSession> ConnectAsync(RbClientOptions options, CancellationToken cancellationToken)
        {
            var client = new RbClient(options);
            try
            {
                var user = client.Protocol == RbApiProtocol.Api2
                    ? await new Api2AccountApi(client).GetUserAsync(cancellationToken).ConfigureAwait(false)
                    : await new AccountApi(client).GetUserAsync(cancellationToken).ConfigureAwait(false);
                client.AdoptZone(user.Zone);
                return new RbSession(client, options.Credential!, user);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        public string Domain => client.Endpoint.SignHost;
        public Uri Endpoint => client.Endpoint.BaseUri;
        public int Platform => client.Platform;
        public int Zone => client.Zone;
        public string AccessId => client.AccessId;
        public RbPathSet PathSet => client.PathSet;
        /// <summary>REST (the default) or API 2.0.</summary>
        public RbApiProtocol Protocol => client.Protocol;
        /// <summary>The path API 2.0 posts to; null on a REST session.</summary>
        public string? Api2Path => client.Protocol == RbApiProtocol.Api2 ? client.Api2Path : null;
        /// <summary>The account's user name (a piped session names its user to Set-RbNotification).</summary>
        [RbKey(RbKind.User)]
        public string? UserName { get; }
        public long UserId { get; }
        public DateTimeOffset ConnectedAt { get; }
        public int TimeoutSec => (int)client.Timeout.TotalSeconds;
        public int MaxRetries => client.MaxRetries;
        /// <summary>Requests a listing, poll or bulk change has in flight at once unless a cmdlet's -ThrottleLimit says
        /// otherwise.</summary>
        public int ThrottleLimit => client.ThrottleLimit;
        public Uri? Proxy => client.Proxy;
        /// <summary>True when connected to a loopback address (the local emulator).</summary>
        public bool IsLocal => client.Endpoint.IsLoopback;
        public bool IsConnected => owner?.IsConnected ?? Volatile.Read(ref disposed) == 0;

        /// <summary>
        /// This session with another throttle limit for the calls made through it (the same connection), or this
        /// session when <paramref name="limit"/> is null; refuses a limit outside 1..32.
        /// </summary>
        public RbSession WithThrottleLimit(int? limit)
        {
            if (!limit.HasValue || limit.Value == client.ThrottleLimit) return this;
            return new RbSession(owner ?? this, client.WithThrottleLimit(limit));
        }

        /// <summary>The client; fails clearly once the session is disconnected.</summary>
        internal RbClient Client => IsConnected ? client : throw new RbValidationException("Rb.SessionClosed",
            $"The session to {Domain} was disconnected.", "Session", "Run Connect-Renderbus again.", this);

        // the operations of each area, over this session's client and throttle limit
        internal AccountApi Account => new AccountApi(Client);
        internal FramesApi Frames => new FramesApi(Client);
        internal OutputApi Output => new OutputApi(Client);
        internal ProjectsApi Projects => new ProjectsApi(Client);
        internal RawApi Raw => new RawApi(Client);
        internal SoftwareApi Software => new SoftwareApi(Client);
        internal SubmitApi Submit => new SubmitApi(Client);
        internal TasksApi Tasks => new TasksApi(Client);
        internal TransferApi Transfer => new TransferApi(Client);
        internal Api2AccountApi Api2Account => new Api2AccountApi(Client);
        internal Api2TasksApi Api2Tasks => new Api2TasksApi(Client);
        internal Api2TaskActions Api2TaskActions => new Api2TaskActions(Client);
        internal Api2SubmitApi Api2Submit => new Api2SubmitApi(Client);

        /// <summary>Reads tasks by id in the session's protocol (where a lookup or a wait chooses it).</summary>
        internal IRbTaskReader TaskReader => Protocol == RbApiProtocol.Api2 ? Api2Tasks : (IRbTaskReader)Tasks;

        /// <summary>Lists tasks in the session's protocol (Get-RbTask).</summary>
        internal IRbTaskLister TaskLister => Protocol == RbApiProtocol.Api2 ? Api2Tasks : (IRbTaskLister)Tasks;

        /// <summary>Acts on tasks by id in the session's protocol (stop, restart, delete, settings).</summary>
        internal IRbTaskActions TaskActions => Protocol == RbApiProtocol.Api2 ? Api2TaskActions
            : (IRbTaskActions)Tasks;

        /// <summary>Reads a task's frames in the session's protocol.</summary>
        internal IRbFrameReader FrameReader => Protocol == RbApiProtocol.Api2 ? new Api2FramesApi(Client)
            : (IRbFrameReader)Frames;

        internal Api2ProjectsApi Api2Projects => new Api2ProjectsApi(Client);
        internal Api2SoftwareApi Api2Software => new Api2SoftwareApi(Client);
        internal Api2ProjectConfigs Api2ProjectConfigs => new Api2ProjectConfigs(Api2Projects, Api2Software);

        /// <summary>Lists and creates projects in the session's protocol.</summary>
        internal IRbProjectSource ProjectSource => Protocol == RbApiProtocol.Api2 ? Api2Projects
            : (IRbProjectSource)Projects;

        /// <summary>Reads the farm's software and plugins in the session's protocol.</summary>
        internal IRbSoftwareReader SoftwareReader => Protocol == RbApiProtocol.Api2 ? Api2Software
            : (IRbSoftwareReader)Software;

        /// <summary>Reads the session's own account in its protocol.</summary>
        internal IRbUserReader UserReader => Protocol == RbApiProtocol.Api2 ? Api2Account : (IRbUserReader)Account;

        /// <summary>Reads render logs in the session's protocol.</summary>
        internal IRbFrameLogs FrameLogs => Protocol == RbApiProtocol.Api2 ? new Api2FrameLogs(Client)
            : (IRbFrameLogs)new RestFrameLogs(Frames);

        public void Dispose()
        {
            if (owner != null || Interlocked.Exchange(ref disposed, 1) != 0) return;
            client.Dispose();
            credential.Dispose();
        }

        public override string ToString() => Protocol == RbApiProtocol.Api2
            ? $"Renderbus API 2.0 {Domain}{Api2Path} as {UserName ?? AccessId}"
            : $"Renderbus {Domain} platform {Platform} as {UserName ?? AccessId}";
    }
}
