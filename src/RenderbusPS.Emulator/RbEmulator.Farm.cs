using System;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace RenderbusPS.Emulator
{
    /// <summary>
    /// Farm state a script or test sets while the emulator runs, to see how it copes with an account that is not well:
    /// a low balance, a clock that is off, a key that was reset, a platform that is down, a software version the farm
    /// stopped offering. Each change holds until it is set back; requests in flight see it at once.
    /// </summary>
    public sealed partial class RbEmulator
    {
        /// <summary>When true, API 2.0 refuses the account (1013 account be disabled).</summary>
        public bool AccountDisabled
        {
            get { lock (store.Sync) return store.AccountDisabled; }
            set { lock (store.Sync) store.AccountDisabled = value; }
        }

        /// <summary>
        /// The account's balance now, in its zone's currency (5000 in zone 1, 800 in zone 2 at start). Setting it sets
        /// the balance from now on; fees of frames that end later still come off it.
        /// </summary>
        public decimal Balance
        {
            get
            {
                lock (store.Sync)
                {
                    store.Tick();
                    return store.Balance;
                }
            }
            set
            {
                lock (store.Sync)
                {
                    store.Tick();
                    store.OpeningBalance = value + store.FeesSinceStart;
                }
            }
        }

        /// <summary>
        /// How far the service's clock is off the real one (positive: ahead). Requests are signed against it (more than
        /// five minutes off answers 610 with the service's time) and every answer's serverTime says it; the farm's
        /// clock (<see cref="Now"/>) is not changed.
        /// </summary>
        public TimeSpan ClockSkew
        {
            get => TimeSpan.FromMilliseconds(Interlocked.Read(ref store.ServiceClockSkewMs));
            set => Interlocked.Exchange(ref store.ServiceClockSkewMs, (long)value.TotalMilliseconds);
        }

        /// <summary>
        /// True when the access key no longer opens the account, as after it was reset in the web console: every
        /// request answers 611 (signature invalid) until it is set back to false.
        /// </summary>
        public bool CredentialRevoked
        {
            get => gate.Revoked;
            set => gate.Revoked = value;
        }

        /// <summary>
        /// Sets a platform's status as queryPlatforms reports it: 0 not enabled (down), 1 normal, 2 busy, 3 full. The
        /// platforms are 2, 6, 21, 62 and the emulator's own.
        /// </summary>
        public void SetPlatformStatus(int platform, int status)
        {
            if (status < 0 || status > 3)
                throw new ArgumentOutOfRangeException(nameof(status), status, "Status is 0 (not enabled), 1, 2 or 3.");
            lock (store.Sync)
            {
                var found = store.Platforms.FirstOrDefault(p => p.Platform == platform)
                    ?? throw new ArgumentException($"Platform {platform} is not one of "
                        + string.Join(", ", store.Platforms.Select(p => p.Platform)) + ".", nameof(platform));
                found.Status = status;
            }
        }

        /// <summary>
        /// Stops offering a software version (software by name, such as Maya, or id): Get-RbSoftware -ListVersion no
        /// longer lists it, while render environments that use it keep pointing at it, as on the farm after a version
        /// is retired.
        /// </summary>
        public void RetireSoftwareVersion(string software, string version)
        {
            lock (store.Sync)
            {
                var found = store.Software.FirstOrDefault(s =>
                        string.Equals(s.Name, software, StringComparison.OrdinalIgnoreCase)
                        || s.CgId.ToString(CultureInfo.InvariantCulture) == software)
                    ?? throw new ArgumentException($"The farm has no software '{software}'.", nameof(software));
                if (found.Versions.RemoveAll(v => v.Version == version) == 0)
                    throw new ArgumentException($"{found.Name} has no version '{version}'; it has "
                        + string.Join(", ", found.Versions.Select(v => v.Version)) + ".", nameof(version));
            }
        }
    }
}
