using System;
using System.Diagnostics;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>
    /// The farm's simulated clock: it starts at the seeded "now" and runs <see cref="Speed"/> times as fast as the wall
    /// clock (0 stands still); <see cref="Advance"/> jumps it forward. Only task and frame times follow it; request
    /// signatures and the envelope's serverTime keep to the service's clock (the real one unless RbEmulator.ClockSkew
    /// sets it off), as the service's do.
    /// </summary>
    internal sealed class EmuClock
    {
        private readonly object gate = new object();
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private long anchorMs;
        private double anchorElapsedMs;
        private double speed;

        public EmuClock(long startMs, double speed)
        {
            anchorMs = startMs;
            this.speed = speed;
        }

        public long NowMs
        {
            get
            {
                lock (gate) return anchorMs + (long)((watch.Elapsed.TotalMilliseconds - anchorElapsedMs) * speed);
            }
        }

        /// <summary>Simulated seconds per real second; changing it keeps the current time.</summary>
        public double Speed
        {
            get { lock (gate) return speed; }
            set
            {
                if (value < 0 || double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(
                    nameof(value), value, "Speed must be 0 or more.");
                lock (gate)
                {
                    Reanchor();
                    speed = value;
                }
            }
        }

        public void Advance(TimeSpan by)
        {
            if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(
                nameof(by), by, "The farm's clock only moves forward.");
            lock (gate)
            {
                Reanchor();
                anchorMs += (long)by.TotalMilliseconds;
            }
        }

        private void Reanchor()
        {
            var elapsed = watch.Elapsed.TotalMilliseconds;
            anchorMs += (long)((elapsed - anchorElapsedMs) * speed);
            anchorElapsedMs = elapsed;
        }
    }
}
