using System;
using System.Net.Http;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// The seam between the transport and one wire protocol: how a request is made and authenticated, and how its
    /// answer is read. The transport owns the rest (HTTP, time-outs, proxy, retries, tracing), the same for every
    /// protocol.
    /// </summary>
    internal interface IRbProtocol
    {
        /// <summary>The request for one attempt (a new one each attempt: signatures and nonces are
        /// single-use).</summary>
        HttpRequestMessage BuildRequest(RbOperation op, string path, byte[] body);

        /// <summary>
        /// Reads an answer's bytes: the response on success; an RbApiException for a refusal; an RbProtocolException
        /// when it is not this protocol's envelope. <paramref name="readData"/> streams the data; without it, it is
        /// parsed.
        /// </summary>
        RbResponse ReadAnswer(ArraySegment<byte> content, string path, WireRead<object?>? readData);

        /// <summary>
        /// Learns from a failed attempt (REST: a 610 brings the service's clock). True when that mended the cause, so
        /// the call is sent again at once, once, without counting as a retry.
        /// </summary>
        bool Mend(Exception failure);
    }
}
