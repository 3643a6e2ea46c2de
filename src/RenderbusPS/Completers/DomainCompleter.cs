using System;
using System.Collections.Generic;
using System.Linq;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Completers
{
    /// <summary>Completes the service's domains and the current session's address (an emulator, a proxy).</summary>
    public sealed class DomainCompleter : RbFarmCompleter
    {
        private protected override IEnumerable<RbFarmValue> Values(RbFarmValues? farm, RbCommandLine line)
        {
            var known = RbEndpoint.KnownHosts.Select(h => new RbFarmValue(h.Key,
                $"{h.Key}: {(h.Value == 1 ? "China" : "overseas")} (zone {h.Value})"));
            var session = RbSessionStore.Default;
            if (session == null) return known;
            var current = session.Endpoint.GetLeftPart(UriPartial.Authority);
            return new[] { new RbFarmValue(current, current + ": the current session's address") }.Concat(known);
        }
    }
}
