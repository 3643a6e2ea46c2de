using System;
using System.Threading;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// Where Core reports what it does (one line a request). The caller sets a sink for the length of a call;
    /// it flows into the async code. Lines never hold headers, signatures or keys.
    /// </summary>
    internal static class RbTrace
    {
        private static readonly AsyncLocal<Action<string>?> sink = new AsyncLocal<Action<string>?>();

        public static Action<string>? Sink
        {
            get => sink.Value;
            set => sink.Value = value;
        }

        internal static void Write(string line) => sink.Value?.Invoke(line);
    }
}
