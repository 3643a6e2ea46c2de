using System;
using System.Collections.Generic;
using System.Net;

namespace RenderbusPS.Core.Http
{
    /// <summary>Where requests go and the host text that is signed.</summary>
    public sealed class RbEndpoint
    {
        private RbEndpoint(Uri baseUri, string signHost)
        {
            BaseUri = baseUri;
            SignHost = signHost;
        }

        /// <summary>Scheme, host and port, no path.</summary>
        public Uri BaseUri { get; }

        /// <summary>The host exactly as configured, a port included when given (what the signature covers).</summary>
        public string SignHost { get; }

        public bool IsLoopback => BaseUri.IsLoopback;

        /// <summary>
        /// Accepts <c>task.renderbus.com</c>, <c>host:port</c>, or a URL. HTTPS is the default; plain HTTP is accepted
        /// only for loopback hosts (the local emulator), so a key is never signed over clear text on a network.
        /// </summary>
        public static RbEndpoint Parse(string domain)
        {
            if (string.IsNullOrWhiteSpace(domain))
                throw Invalid(domain, "The domain is empty.");
            var text = domain.Trim();
            if (!text.Contains("://")) text = "https://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
                throw Invalid(domain, $"'{domain}' is not a host name or an http(s) URL.");
            if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
                throw Invalid(domain, $"'{domain}' has a path or query; give only the host (and port).");
            if (uri.Scheme == "http" && !uri.IsLoopback)
                throw Invalid(
                    domain, $"'{domain}' uses plain http; only the local emulator (127.0.0.1/localhost) may be reached without TLS.");
            var signHost = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port;
            return new RbEndpoint(new Uri(uri.GetLeftPart(UriPartial.Authority)), signHost);
        }

        /// <summary>
        /// The zone the host name says: 1 for a renderbus domain (China), 2 for a foxrenderfarm domain (overseas), null
        /// for any other host (the emulator, a proxy), whose zone the name cannot tell.
        /// </summary>
        public int? KnownZone
            => SignHost.IndexOf("foxrenderfarm", StringComparison.OrdinalIgnoreCase) >= 0 ? 2
            : SignHost.IndexOf("renderbus", StringComparison.OrdinalIgnoreCase) >= 0 ? 1
            : (int?)null;

        /// <summary>The zone to assume before the account has said its own: <see cref="KnownZone"/>, else 1.</summary>
        public int DefaultZone => KnownZone ?? 1;

        private static RbValidationException Invalid(string? domain, string message)
            => new RbValidationException("Rb.InvalidDomain", message, "Domain",
                "Use task.renderbus.com (China), jop.foxrenderfarm.com (overseas), or the emulator's address.", domain);

        public override string ToString() => BaseUri.ToString();

        /// <summary>The service's hosts, each with the zone it serves: what Connect-Renderbus -Domain offers.</summary>
        public static IReadOnlyList<KeyValuePair<string, int>> KnownHosts { get; } = new[]
        {
            new KeyValuePair<string, int>("task.renderbus.com", 1),
            new KeyValuePair<string, int>("jop.foxrenderfarm.com", 2),
            new KeyValuePair<string, int>("task.foxrenderfarm.com", 2),
        };
    }
}
