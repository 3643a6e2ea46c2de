using System;

namespace RenderbusPS.Emulator
{
    /// <summary>How an emulator starts. Everything has a default; the same seed gives the same account.</summary>
    public sealed class RbEmulatorOptions
    {
        /// <summary>Seed of the account's content (tasks, scenes, frames, fees).</summary>
        public int Seed { get; set; } = 1;

        /// <summary>Top-level tasks in the account.</summary>
        public int TaskCount { get; set; } = 250;

        /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>Access id the emulator accepts; null makes one from the seed.</summary>
        public string? AccessId { get; set; }

        /// <summary>Access key the emulator accepts; null makes a random one per start.</summary>
        public string? AccessKey { get; set; }

        /// <summary>Render cluster of the account.</summary>
        public int Platform { get; set; } = 2;

        /// <summary>1 China, 2 overseas.</summary>
        public int Zone { get; set; } = 1;

        /// <summary>
        /// When true, a request naming the other zone (queryPlatforms, getServerInfo) answers 608 as the service does.
        /// Off by default: a client that infers the zone from the host name (the official Python client sends zone 1
        /// only for a "renderbus" host, else 2) cannot know the zone of 127.0.0.1, so the emulator answers such a
        /// request for its own zone.
        /// </summary>
        public bool StrictZone { get; set; }

        /// <summary>How far a request's UTCTimestamp may be from the emulator's clock.</summary>
        public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Time the seeded history ends at (task submit times lie before it); null is the start
        /// time.</summary>
        public DateTimeOffset? Now { get; set; }

        /// <summary>
        /// How fast the farm renders: simulated seconds per real second (1 is real time, 0 stops the farm's clock).
        /// Task and frame times follow the farm's clock.
        /// </summary>
        public double Speed { get; set; } = 1;

        /// <summary>
        /// When more than 0, the account also holds two render tasks of this many frames each, submitted last: one
        /// finished with failed frames (about one frame in 25 failed, spread over the list) and one rendering. Frame
        /// lists page by 100, so 250 gives tasks whose frames span three pages.
        /// </summary>
        public int LargeTaskFrames { get; set; }

        internal void Validate()
        {
            if (LargeTaskFrames < 0 || LargeTaskFrames > 20000) throw new ArgumentOutOfRangeException(
                nameof(LargeTaskFrames), LargeTaskFrames, "LargeTaskFrames must be 0..20000.");
            if (Speed < 0 || double.IsNaN(Speed) || double.IsInfinity(Speed)) throw new ArgumentOutOfRangeException(
                nameof(Speed), Speed, "Speed must be 0 or more.");
            if (TaskCount < 0 || TaskCount > 100000) throw new ArgumentOutOfRangeException(
                nameof(TaskCount), TaskCount, "TaskCount must be 0..100000.");
            if (Port < 0 || Port > 65535) throw new ArgumentOutOfRangeException(
                nameof(Port), Port, "Port must be 0..65535.");
            if (Zone != 1 && Zone != 2) throw new ArgumentOutOfRangeException(
                nameof(Zone), Zone, "Zone must be 1 or 2.");
        }
    }
}
