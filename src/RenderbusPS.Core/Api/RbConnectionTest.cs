using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Core.Api
{
    /// <summary>
    /// Test-RbConnection's checks: two reads (the user profile, then the platforms) measure whether the host answers
    /// over TLS, how far this machine's clock is off the service's, whether the credential is accepted, whether the
    /// account's zone is the one the domain serves, whether the platform exists and is enabled, and whether the
    /// balance is enough. Every failure is a result, never an exception; a check whose measurement needs an earlier
    /// one that failed says "not checked".
    /// </summary>
    internal sealed class RbConnectionTest
    {
        /// <summary>How far a request's timestamp may be off the service's clock before it answers 610.</summary>
        public static readonly TimeSpan SignatureWindow = TimeSpan.FromMinutes(5);

        private readonly RbClient client;
        private readonly decimal? minimumBalance;
        private readonly string? noCredential;
        private readonly List<RbConnectionCheck> checks = new List<RbConnectionCheck>();

        /// <param name="noCredential">Why there is no credential (the client then signs with a throwaway one).</param>
        internal RbConnectionTest(RbClient client, decimal? minimumBalance, string? noCredential = null)
        {
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.minimumBalance = minimumBalance;
            this.noCredential = noCredential;
        }

        /// <summary>
        /// Tests a connection that is not made yet, with a client made from <paramref name="options"/> for the length
        /// of the test. Without a credential in the options it takes the one in the environment variables; without
        /// one there either, the host and clock are still measured (with a throwaway key the service refuses) and the
        /// Credential check fails. The credential is disposed afterwards. Bad options (a domain that is no host, a
        /// proxy that is no address) throw before anything is sent.
        /// </summary>
        [RbSends(nameof(RbCatalog.QueryUserProfile), nameof(RbCatalog.QueryPlatforms))]
        public static async Task<IReadOnlyList<RbConnectionCheck>> RunAsync(RbClientOptions options,
            decimal? minimumBalance, CancellationToken cancellationToken)
        {
            string? missing = null;
            if (options.Credential == null)
            {
                try
                {
                    options.Credential = RbCredential.FromEnvironment();
                }
                catch (RbValidationException ex) when (ex.ErrorId == "Rb.NoCredential")
                {
                    missing = ex.Message;
                    options.Credential = Throwaway();
                }
            }
            try
            {
                using var client = new RbClient(options);
                return await new RbConnectionTest(client, minimumBalance, missing).RunAsync(cancellationToken)
                    .ConfigureAwait(false);
            }
            finally
            {
                options.Credential.Dispose();
            }
        }

        /// <summary>Runs every check over this client (a session's, or one made for the test).</summary>
        [RbSends(nameof(RbCatalog.QueryUserProfile), nameof(RbCatalog.QueryPlatforms))]
        public async Task<IReadOnlyList<RbConnectionCheck>> RunAsync(CancellationToken cancellationToken)
        {
            // the zone the domain (or -Zone) promises, before the profile's zone is adopted
            var expectedZone = client.Endpoint.KnownZone ?? (client.ZoneIsInferred ? (int?)null : client.Zone);
            var watch = Stopwatch.StartNew();
            RbResponse? profile = null;
            Exception? failure = null;
            try
            {
                profile = await client.SendAsync(RbCatalog.QueryUserProfile, null, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (IsFailure(ex))
            {
                failure = ex;
            }
            var answeredAt = DateTimeOffset.UtcNow;
            var elapsed = watch.Elapsed;
            var serverTime = profile?.ServerTime ?? (failure as RbApiException)?.ServerTime;
            var user = profile == null || noCredential != null ? null : RbWire.Read<RbUser>(profile.Data);

            IReadOnlyList<RbPlatform>? platforms = null;
            Exception? platformFailure = null;
            if (user != null)
            {
                client.AdoptZone(user.Zone);
                try
                {
                    platforms = await new AccountApi(client).GetPlatformsAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsFailure(ex))
                {
                    platformFailure = ex;
                }
            }

            var answered = failure == null || failure is RbApiException;
            CheckHost(failure, elapsed);
            CheckClock(answered, serverTime, answeredAt);
            CheckCredential(answered, user, failure as RbApiException);
            CheckZone(user, expectedZone, failure as RbApiException ?? platformFailure as RbApiException);
            CheckPlatform(user, platforms, platformFailure);
            CheckBalance(user);
            return checks;
        }

        private static bool IsFailure(Exception ex)
            => ex is RbApiException || ex is RbTransportException || ex is RbProtocolException;

        private void CheckHost(Exception? failure, TimeSpan elapsed)
        {
            var https = client.Endpoint.BaseUri.Scheme == "https";
            switch (failure)
            {
                case RbTransportException t when t.IsTimeout:
                    Fail("Host", t.Message, "Check the network path to the host (proxy, firewall); on a slow link "
                        + "give a longer -TimeoutSec.");
                    return;
                case RbTransportException t when Find<AuthenticationException>(t) is { } tls:
                    Fail("Host", "The TLS handshake failed: " + tls.Message, "Let this machine use TLS 1.2 or "
                        + "later (on Windows PowerShell 5.1, the .NET Framework's SchUseStrongCrypto setting), and "
                        + "trust the certificate of any proxy that inspects TLS.");
                    return;
                case RbTransportException t:
                    Fail("Host", t.Message, t.HttpStatus.HasValue
                        ? "A proxy or gateway answered instead of the service, or the service is down: retry later, "
                            + "or check -Proxy."
                        : "Check the domain (task.renderbus.com in China, jop.foxrenderfarm.com overseas), DNS and "
                            + "the firewall; give -Proxy if this network reaches the internet through one.");
                    return;
                case RbProtocolException p:
                    Fail("Host", "It answered, but not as the Renderbus API: " + p.Message, "Check that the domain "
                        + "is the API's host, and that no proxy rewrites the answers.");
                    return;
            }
            var how = https ? "HTTPS" : "plain HTTP (loopback: the emulator)";
            Pass("Host", $"{how}, answered in {elapsed.TotalMilliseconds:0} ms", elapsed);
        }

        private void CheckClock(bool answered, DateTimeOffset? serverTime, DateTimeOffset answeredAt)
        {
            if (!answered)
            {
                NotChecked("Clock", "the host did not answer");
                return;
            }
            if (serverTime == null)
            {
                Pass("Clock", "not measured: the answer carried no serverTime", null);
                return;
            }
            var skew = serverTime.Value - answeredAt;
            var off = Math.Abs(skew.TotalSeconds);
            var text = off < 0.05 ? "agrees with the service's"
                : $"{Span(skew.Duration())} {(skew > TimeSpan.Zero ? "behind" : "ahead of")} the service's";
            text += $" ({Span(SignatureWindow)} allowed)";
            if (skew.Duration() <= SignatureWindow) Pass("Clock", text, skew);
            else Fail("Clock", text, "Set this machine's clock right (w32tm /resync on Windows, chrony or "
                + "timedatectl on Linux). RenderbusPS signs with the service's time after one refused request, but "
                + "other clients are refused (610).", skew);
        }

        private void CheckCredential(bool answered, RbUser? user, RbApiException? refused)
        {
            if (!answered) NotChecked("Credential", "the host did not answer");
            else if (noCredential != null)
                Fail("Credential", noCredential, "Pass -Credential (user name = access id, password = access key), "
                    + $"or set {RbCredential.IdVariable} and {RbCredential.KeyVariable}.");
            else if (user != null)
                Pass("Credential", $"{client.AccessId} accepted for {user.UserName} (user {user.UserId})",
                    user.UserName);
            else
                Fail("Credential", $"{client.AccessId} refused: {Describe(refused!)}",
                    refused!.RecommendedAction);
        }

        private void CheckZone(RbUser? user, int? expected, RbApiException? refused)
        {
            if (refused?.Code == RbCodes.UserAreaError)
            {
                Fail("Zone", $"608 from the service: the account is not in {Domain}'s zone ({refused.ApiMessage})",
                    refused.RecommendedAction, user?.Zone);
                return;
            }
            if (user == null)
            {
                NotChecked("Zone", "the credential was not accepted");
                return;
            }
            if (user.Zone is not int zone) Pass("Zone", "the account's profile names no zone", null);
            else if (expected == null) Pass("Zone", $"zone {ZoneName(zone)}; {Domain} names no zone", zone);
            else if (zone == expected) Pass("Zone", $"zone {ZoneName(zone)}, the one {Domain} serves", zone);
            else
                Fail("Zone", $"zone {ZoneName(zone)}, but {Domain} serves zone {ZoneName(expected.Value)}",
                    "Connect with -Domain " + (zone == 2 ? "jop.foxrenderfarm.com"
                    : "task.renderbus.com") + $" (or -Zone {zone} for another host).", zone);
        }

        private void CheckPlatform(RbUser? user, IReadOnlyList<RbPlatform>? platforms, Exception? failure)
        {
            var id = client.Platform;
            if (user == null) NotChecked("Platform", "the credential was not accepted");
            else if (failure != null)
                Fail("Platform", $"the platforms could not be listed: {failure.Message}",
                    (failure as RbApiException)?.RecommendedAction ?? "Retry; run Get-RbPlatform to see the error.");
            else if (platforms!.FirstOrDefault(p => p.Platform == id) is not { } platform)
                Fail("Platform", $"platform {id} is not one of {string.Join(", ", platforms!.Select(p => p.Platform))}"
                    + $" in zone {ZoneName(client.Zone)}", "Give -Platform one of these (Get-RbPlatform lists them).");
            else if (platform.Status == 0)
                Fail("Platform", $"platform {id} ({platform.Name}): not enabled", "Use another platform "
                    + "(Get-RbPlatform lists them), or ask Renderbus support when it is back.", 0);
            else Pass("Platform", $"platform {id} ({platform.Name}): {StatusName(platform.Status)}",
                platform.Status);
        }

        private void CheckBalance(RbUser? user)
        {
            if (user == null)
            {
                NotChecked("Balance", "the credential was not accepted");
                return;
            }
            var currency = user.Zone == 2 ? "USD" : "CNY";
            var wanted = minimumBalance.HasValue ? $"at least {Money(minimumBalance.Value)}" : "more than 0";
            var text = $"{Money(user.Balance)} {currency} ({wanted} wanted)";
            var enough = minimumBalance.HasValue ? user.Balance >= minimumBalance.Value : user.Balance > 0;
            if (enough) Pass("Balance", text, user.Balance);
            else Fail("Balance", text, "Top up the account in the Renderbus web console: tasks stop for arrears "
                + "when the balance runs out.", user.Balance);
        }

        private string Domain => client.Endpoint.SignHost;

        private void Pass(string name, string measured, object? value) => checks.Add(new RbConnectionCheck
        {
            Name = name, Passed = true, Measured = measured, Value = value, Domain = Domain,
        });

        private void Fail(string name, string measured, string advice, object? value = null)
            => checks.Add(new RbConnectionCheck
            {
                Name = name, Passed = false, Measured = measured, Value = value, Advice = advice, Domain = Domain,
            });

        private void NotChecked(string name, string because)
            => Fail(name, "not checked: " + because, "Fix the checks above first.");

        private static string Describe(RbApiException ex)
            => $"{ex.Code} ({ex.CodeName}){(string.IsNullOrEmpty(ex.ApiMessage) ? "" : ": " + ex.ApiMessage)}";

        private static string ZoneName(int zone) => zone == 1 ? "1 (China)" : zone == 2 ? "2 (overseas)"
            : zone.ToString(CultureInfo.InvariantCulture);

        private static string StatusName(int? status) => status == 1 ? "normal" : status == 2 ? "busy"
            : status == 3 ? "full: new tasks wait for nodes" : status == null ? "listed (no status given)"
            : "in status " + status.Value.ToString(CultureInfo.InvariantCulture);

        private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

        /// <summary>A duration in the largest unit that reads well: 0.4 s, 42 s, 7.5 min, 3.2 h.</summary>
        private static string Span(TimeSpan span)
            => span.TotalSeconds < 10 ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : span.TotalMinutes < 2 ? span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s"
            : span.TotalHours < 2 ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
            : span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";

        private static T? Find<T>(Exception? error) where T : Exception
            => error == null ? null : error as T ?? Find<T>(error.InnerException);

        /// <summary>A credential no account has, to learn whether the host answers when none was given.</summary>
        private static RbCredential Throwaway()
        {
            var bytes = new byte[24];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            using var key = RbCredential.ToSecureString(Convert.ToBase64String(bytes));
            return RbCredential.Create("RenderbusPS-no-credential", key);
        }
    }
}
