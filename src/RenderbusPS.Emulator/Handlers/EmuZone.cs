using RenderbusPS.Core;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Emulator.Handlers
{
    /// <summary>
    /// The <c>zone</c> a request names (queryPlatforms, getServerInfo), read as a number or a string. The service
    /// answers 608 when it is not the account's zone. The emulator does so only when started strict: it always listens
    /// on a loopback host, and a client that infers the zone from the host name cannot tell the zone of 127.0.0.1 (the
    /// official client sends 2 for any host that does not name renderbus, RenderbusPS 1 until the profile says
    /// otherwise), so by default it answers such a request for the zone it serves (<see cref="RbEmulator.Zone"/>).
    /// </summary>
    internal static class EmuZone
    {
        /// <summary>The zone the answer is for: the account's; throws 608 for another zone when the emulator is
        /// strict.</summary>
        public static int Check(EmuRequest r)
        {
            var zone = r.OptInt("zone");
            if (zone.HasValue && zone.Value != r.Store.Zone && r.Store.StrictZone)
                throw new EmuError(
                    RbCodes.UserAreaError, $"This account is in zone {r.Store.Zone}; zone {zone} does not match.");
            return r.Store.Zone;
        }
    }
}
