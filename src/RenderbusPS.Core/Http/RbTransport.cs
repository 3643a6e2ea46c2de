using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Models;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// One HttpClient and what every protocol shares: time-outs, proxy, tracing, pooled reading, and the retry policy.
    /// What a request and an answer look like is the protocol's. Thread-safe.
    /// </summary>
    internal sealed class RbTransport : IDisposable
    {
        private readonly HttpClient http;
        private readonly IRbProtocol protocol;
        private readonly string host;

        public RbTransport(IRbProtocol protocol, Uri baseUri, string host, TimeSpan timeout, Uri? proxy,
            RbRetryPolicy policy)
        {
            this.protocol = protocol;
            this.host = host;
            Timeout = timeout;
            Policy = policy;
            RbTls.EnsureModernProtocols();
            // .NET Framework (Windows PowerShell 5.1) allows two connections per host by default, which would hold
            // every listing to two requests in flight whatever the throttle limit says
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxConnectionsPerServer = RbInputRules.MaxThrottleLimit * 2,
            };
            if (proxy != null)
            {
                handler.Proxy = new WebProxy(proxy);
                handler.UseProxy = true;
            }
            http = new HttpClient(handler)
            {
                BaseAddress = baseUri,
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
        }

        public TimeSpan Timeout { get; }
        public RbRetryPolicy Policy { get; }

        /// <summary>
        /// Sends one call, attempt after attempt as the retry policy allows, and returns the answer the protocol read;
        /// or throws the last failure (RbOutcomeUnknownException when a non-idempotent write may have acted).
        /// </summary>
        public async Task<RbResponse> SendAsync(RbOperation op, string path, byte[] body, WireRead<object?>? readData,
            CancellationToken cancellationToken)
        {
            var retry = 0;
            var mended = false;
            Exception? lostAnswer = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Exception failure;
                try
                {
                    var response = await AttemptAsync(op, path, body, readData,
                        cancellationToken).ConfigureAwait(false);
                    Policy.Budget.Succeeded(retry > 0);
                    response.AfterLostAnswer = lostAnswer != null;
                    return response;
                }
                catch (Exception ex) when (ex is RbApiException || ex is RbTransportException
                    || ex is RbProtocolException)
                {
                    failure = ex;
                }

                var kind = RbRetryPolicy.Classify(failure);
                if (kind == RbFailure.Final)
                {
                    // a refusal after a lost answer may only mean the first attempt did it ("already stopped")
                    if (lostAnswer != null && failure is RbApiException refused) refused.AfterLostAnswer = true;
                    throw failure;
                }
                RbCallWatch.Struggled(failure);
                if (!mended && protocol.Mend(failure))
                {
                    mended = true;
                    continue;
                }
                var pause = Policy.PauseBefore(retry + 1, op, failure, kind);
                if (pause == null)
                {
                    if (op.Repeat == RbRepeat.NonIdempotentWrite && kind == RbFailure.Ambiguous)
                        throw new RbOutcomeUnknownException(op.Name, path, RbOutcomeChecks.For(op), failure);
                    throw failure;
                }
                if (kind == RbFailure.Ambiguous) lostAnswer = failure;
                retry++;
                RbTrace.Write($"{op.Name}: {failure.Message} Retrying ({retry} of {Policy.MaxRetries}) in "
                    + $"{pause.Value.TotalMilliseconds:0} ms.");
                await Task.Delay(pause.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<RbResponse> AttemptAsync(RbOperation op, string path, byte[] body,
            WireRead<object?>? readData, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            using var request = protocol.BuildRequest(op, path, body);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(Timeout);
            ArraySegment<byte> content;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
                    timeoutCts.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status != 200)
                {
                    RbTrace.Write($"POST {path} ({op.Name}) -> HTTP {status} in {watch.ElapsedMilliseconds} ms");
                    throw new RbTransportException($"{host} answered HTTP {status} ({response.ReasonPhrase}) for "
                        + $"{path}.", path, status)
                    { RetryAfter = RetryAfterOf(response) };
                }
                content = await RbContentReader.ReadAsync(response.Content, timeoutCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RbTransportException($"No answer from {host} within {Timeout.TotalSeconds:0.#} s for {path}.",
                    path, null, ex)
                { IsTimeout = true };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
            {
                throw new RbTransportException($"Could not reach {host} for {path}: {ex.GetBaseException().Message}",
                    path, null, ex)
                { NotSent = FailedToConnect(ex) };
            }
            try
            {
                var answer = protocol.ReadAnswer(content, path, readData);
                RbTrace.Write($"POST {path} ({op.Name}) -> 200 in {watch.ElapsedMilliseconds} ms"
                    + (answer.RequestId == null ? "" : $", request id {answer.RequestId}"));
                return answer;
            }
            catch (RbApiException refused)
            {
                RbTrace.Write($"POST {path} ({op.Name}) -> {refused.Code} in {watch.ElapsedMilliseconds} ms"
                    + (refused.RequestId == null ? "" : $", request id {refused.RequestId}"));
                throw;
            }
        }

        /// <summary>True when the connection failed before anything was sent: the host refused it or was not
        /// found.</summary>
        private static bool FailedToConnect(Exception error)
        {
            for (var e = error; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain
                        or SocketError.NoData or SocketError.AddressNotAvailable;
                }
            }
            return false;
        }

        private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is { } delta) return delta;
            if (header?.Date is { } date) return date - DateTimeOffset.UtcNow;
            return null;
        }

        /// <summary>
        /// Downloads a file the service pointed to (a thumbnail) with a plain GET: no signature and no credentials are
        /// sent, the connection's proxy and timeout apply, and an answer larger than <paramref name="maxBytes"/> is
        /// refused.
        /// </summary>
        public async Task<byte[]> DownloadAsync(Uri url, long maxBytes, CancellationToken cancellationToken)
        {
            var where = url.GetLeftPart(UriPartial.Path);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(Timeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
                    timeoutCts.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new RbTransportException($"{url.Host} answered HTTP {(int)response.StatusCode} "
                        + $"({response.ReasonPhrase}) for {where}.", where, (int)response.StatusCode);
                if (response.Content.Headers.ContentLength > maxBytes)
                    throw new RbProtocolException($"{where} is {response.Content.Headers.ContentLength} bytes, more "
                        + $"than the {maxBytes} a thumbnail may have.", where);
                var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (bytes.Length > maxBytes) throw new RbProtocolException($"{where} is more than the {maxBytes} "
                    + $"bytes a thumbnail may have.", where);
                RbTrace.Write($"GET {where} -> {bytes.Length} bytes");
                return bytes;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RbTransportException($"No answer from {url.Host} within {Timeout.TotalSeconds:0.#} s for "
                    + $"{where}.", where, null, ex) { IsTimeout = true };
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException)
            {
                throw new RbTransportException($"Could not reach {url.Host} for {where}: "
                    + $"{ex.GetBaseException().Message}", where, null, ex);
            }
        }

        public void Dispose() => http.Dispose();
    }

    /// <summary>What to look at before repeating by hand a non-idempotent call whose outcome is unknown.</summary>
    internal static class RbOutcomeChecks
    {
        public static string For(RbOperation op)
            => Checks.TryGetValue(op, out var check) ? check
                : $"Check whether {op.Name} took effect before sending it again.";

        private static readonly Dictionary<RbOperation, string> Checks = new Dictionary<RbOperation, string>
        {
            [RbCatalog.CreateTask] = "Look for the new tasks before creating more: Get-RbTask -First 20 lists the newest first.",
            [RbCatalog.SubmitTask] = "Read the task again (Get-RbTask -Id <id>): a submitted task is Analysing or later.",
            [RbCatalog.RecommitTasks] = "Read the frames again (Get-RbFrame): restarted frames wait or render.",
            [RbCatalog.RecommitTaskFrames] = "Read the frames again (Get-RbFrame): restarted frames wait or render.",
            [RbCatalog.AddProject] = "List the projects (Get-RbProject) to see whether it was created.",
            [RbCatalog.AddUserPluginConfig] = "List the render environments (Get-RbRenderEnv) to see whether it was created.",
        };
    }
}
