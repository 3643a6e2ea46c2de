using System;

namespace RenderbusPS.Emulator
{
    /// <summary>One request the emulator answered (for scripts and tests that check how the client talks).</summary>
    public sealed class RbEmulatorRequest
    {
        internal RbEmulatorRequest(
            DateTimeOffset at, string path, string? operation, int code, int idCount, TimeSpan serverTime = default,
            int responseBytes = 0)
        {
            ServerTime = serverTime;
            ResponseBytes = responseBytes;
            At = at;
            Path = path;
            Operation = operation;
            Code = code;
            IdCount = idCount;
        }

        public DateTimeOffset At { get; }
        public string Path { get; }
        /// <summary>The operation's name (getTaskList), or the API 2.0 action (query_task); never the body.</summary>
        public string? Operation { get; }
        /// <summary>
        /// The envelope code answered (0 when the answer was an HTTP failure, a dropped connection or not the
        /// envelope); for API 2.0, its error code, or 200 for a success.
        /// </summary>
        public int Code { get; }
        /// <summary>How many ids the request's id list carried.</summary>
        public int IdCount { get; }
        /// <summary>
        /// Time the emulator spent answering: from the request's body read to the answer's bytes ready (an injected
        /// <see cref="Faults.RbEmulatorFaults.Delay"/> and the network not counted).
        /// </summary>
        public TimeSpan ServerTime { get; }
        /// <summary>Length of the answer's body in bytes (0 for a dropped connection).</summary>
        public int ResponseBytes { get; }

        public override string ToString() => $"{Path} -> {Code}";
    }
}
