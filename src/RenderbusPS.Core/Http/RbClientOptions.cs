using System;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Http
{
    /// <summary>How a client reaches the service. Copied when a client is made; later changes do not reach
    /// it.</summary>
    public sealed class RbClientOptions
    {
        /// <summary>task.renderbus.com (China), jop.foxrenderfarm.com (overseas), or an emulator URL.</summary>
        public string Domain { get; set; } = "task.renderbus.com";

        /// <summary>Render cluster id (header <c>platform</c>).</summary>
        public int Platform { get; set; } = 2;

        /// <summary>Zone sent to queryPlatforms; null derives it from the domain.</summary>
        public int? Zone { get; set; }

        public RbCredential? Credential { get; set; }

        public RbPathSet PathSet { get; set; } = RbPathSet.Current;

        /// <summary>Time one HTTP attempt may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Most retries of one call after a transient failure (see <see cref="RbRetryPolicy"/> for what is repeated);
        /// the session's retry budget may end them sooner.
        /// </summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The ceiling of the first pause between attempts; it doubles each retry (the pause is drawn below
        /// it).</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>Seeds the pauses' jitter, so a test run can be replayed; null draws them at random.</summary>
        public int? RetrySeed { get; set; }

        /// <summary>
        /// Requests one listing, poll or bulk change may have in flight at once (1 = one after another). Cmdlets take
        /// -ThrottleLimit to use another number for one call.
        /// </summary>
        public int ThrottleLimit { get; set; } = RbInputRules.DefaultThrottleLimit;

        /// <summary>HTTP proxy, or null for the system default.</summary>
        public Uri? Proxy { get; set; }

        /// <summary>The protocol: REST (the default) or API 2.0.</summary>
        public RbApiProtocol Protocol { get; set; }

        /// <summary>API 2.0's host when none is given: the one its document names.</summary>
        public const string Api2Domain = "www5.renderbus.com";

        /// <summary>The path API 2.0 posts to: the document's <c>/api/v2/task/</c>, or <c>/api/v1/task</c>.</summary>
        public string Api2Path { get; set; } = RbApi2Catalog.Path;

        /// <summary>Header <c>languageFlag</c>: 0 Chinese, 1 English messages.</summary>
        public int LanguageFlag { get; set; } = 1;

        internal void Validate()
        {
            if (Proxy != null && (!Proxy.IsAbsoluteUri || (Proxy.Scheme != "http" && Proxy.Scheme != "https")))
                throw new RbValidationException(
                    "Rb.InvalidProxy", $"-Proxy '{Proxy.OriginalString}' is not the address of an HTTP proxy.",
                    "Proxy", "Give the proxy as http://host:port, or leave -Proxy out to use the system's.", Proxy.OriginalString);
            if (Credential == null) throw new RbValidationException(
                "Rb.NoCredential", "No access id and key were given.", "Credential",
                "Pass -Credential, or -AccessId with -AccessKey, or set RAYVISION_API_ACCESS_ID and RAYVISION_API_KEY.");
            if (Platform <= 0) throw new RbValidationException(
                "Rb.InvalidPlatform", $"Platform {Platform} is not a render cluster id.", "Platform",
                "Give the platform number shown by Get-RbPlatform (for example 2).", Platform);
            if (Timeout <= TimeSpan.Zero) throw new RbValidationException(
                "Rb.InvalidTimeout", "The timeout must be positive.", "TimeoutSec",
                "Give a timeout of at least one second.", Timeout);
            if (MaxRetries < 0 || MaxRetries > 10) throw new RbValidationException(
                "Rb.InvalidRetryCount", $"MaxRetries {MaxRetries} is outside 0..10.", "MaxRetries",
                "Give a retry count from 0 to 10.", MaxRetries);
            RbInputRules.CheckThrottleLimit(ThrottleLimit);
            if (Protocol == RbApiProtocol.Api2 && (string.IsNullOrWhiteSpace(Api2Path) || !Api2Path.StartsWith("/",
                StringComparison.Ordinal)
                || Api2Path.IndexOfAny(new[] { '?', '#', ' ' }) >= 0))
                throw new RbValidationException("Rb.InvalidApi2Path", $"-Path '{Api2Path}' is not a path on the host.",
                    "Path",
                    $"Give {RbApi2Catalog.Path} (the document's) or {RbApi2Catalog.V1Path} (the public clients').",
                        Api2Path);
        }
    }
}
