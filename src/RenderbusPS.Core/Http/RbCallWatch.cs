using System;
using System.Threading;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// Tells whoever started a call that the service or the network struggled with it (HTTP 429 or 5xx, code 500, a
    /// transport failure or time-out), whether or not a retry then got through. A pager listens while it reads a page
    /// and lowers its concurrency. The listener flows into the async call, like <see cref="RbTrace.Sink"/>.
    /// </summary>
    internal static class RbCallWatch
    {
        private static readonly AsyncLocal<Action<Exception>?> listener = new AsyncLocal<Action<Exception>?>();

        /// <summary>Set for the length of an async method; the value is restored when it returns.</summary>
        public static Action<Exception>? Listener
        {
            get => listener.Value;
            set => listener.Value = value;
        }

        public static void Struggled(Exception transient) => listener.Value?.Invoke(transient);
    }
}
