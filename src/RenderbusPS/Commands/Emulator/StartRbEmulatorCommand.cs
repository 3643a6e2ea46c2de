using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using RenderbusPS.Emulator;

namespace RenderbusPS.Commands.Emulator
{
    /// <summary>Starts a local Renderbus emulator in this process on 127.0.0.1.</summary>
    [Cmdlet(VerbsLifecycle.Start, "RbEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(RbEmulator))]
    public sealed class StartRbEmulatorCommand : RbCmdlet
    {
        /// <summary>Emulators started in this process that have not been stopped.</summary>
        internal static readonly ConcurrentDictionary<RbEmulator, byte> Running = new ConcurrentDictionary<RbEmulator, byte>();

        [Parameter]
        public int Seed { get; set; } = 1;

        [Parameter]
        [ValidateRange(0, 100000)]
        public int TaskCount { get; set; } = 250;

        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Platform { get; set; } = 2;

        [Parameter]
        [ValidateSet("1", "2")]
        public int Zone { get; set; } = 1;

        /// <summary>Answer 608 to a request naming the other zone, as the service does (off: such requests are answered
        /// for -Zone).</summary>
        [Parameter]
        public SwitchParameter StrictZone { get; set; }

        /// <summary>How fast the farm renders: simulated seconds per real second; 0 stops its clock.</summary>
        [Parameter]
        [ValidateRange(0.0, 100000.0)]
        public double Speed { get; set; } = 1;

        /// <summary>Adds two render tasks of this many frames (one finished with failed frames, one rendering) to try
        /// paging over frames.</summary>
        [Parameter]
        [ValidateRange(0, 20000)]
        public int LargeTaskFrames { get; set; }

        /// <summary>A bad network: a rate from 0 to 1 per kind of fault, e.g. @{ Unavailable = 0.1; LoseAnswer = 0.01
        /// }.</summary>
        [Parameter]
        public Hashtable? FaultRate { get; set; }

        /// <summary>Seeds the faults' draws, so a run can be replayed.</summary>
        [Parameter]
        public int FaultSeed { get; set; }

        /// <summary>The account's balance at start (5000 in zone 1, 800 in zone 2 when left out).</summary>
        [Parameter]
        public decimal Balance { get; set; }

        /// <summary>How far the service's clock is off the real one (positive: ahead): this machine's clock then
        /// seems off by as much.</summary>
        [Parameter]
        public TimeSpan ClockSkew { get; set; }

        protected override void ProcessRecord()
        {
            var rates = ReadFaultRates();
            if (rates == null && FaultRate != null) return;
            var where = Port == 0 ? "127.0.0.1 (a free port)" : "127.0.0.1:" + Port;
            if (!ShouldProcess(
                where, $"Start a Renderbus emulator with {TaskCount} seeded tasks (seed {Seed}) rendering at {Speed}x real time")) return;
            RbEmulator emulator;
            try
            {
                emulator = RbEmulator.Start(
                    new RbEmulatorOptions { Seed = Seed, TaskCount = TaskCount, Port = Port, Platform = Platform,
                    Zone = Zone, StrictZone = StrictZone, Speed = Speed, LargeTaskFrames = LargeTaskFrames });
            }
            catch (InvalidOperationException ex)
            {
                ThrowTerminatingError(
                    new ErrorRecord(ex, "Rb.EmulatorStartFailed", ErrorCategory.ResourceUnavailable, Port)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Choose another -Port, or leave it out to use a free one." },
                });
                return;
            }
            Running[emulator] = 0;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Balance))) emulator.Balance = Balance;
            emulator.ClockSkew = ClockSkew;
            emulator.Faults.Rates.Seed = FaultSeed;
            if (rates != null) emulator.Faults.Rates.Set(rates);
            WriteVerbose(
                $"Emulator listening on {emulator.Domain}, serving zone {emulator.Zone} platform {emulator.Platform} as {emulator.AccessId}"
                + $"{(emulator.StrictZone ? " (other zones answer 608)" : " (requests naming the other zone are answered for this one)")};"
                + " connect with: Connect-Renderbus -Emulator $emulator, or point another client at domain "
                + $"{emulator.HostAndPort} over http with this access id, the key in $emulator.AccessKey, platform {emulator.Platform}.");
            WriteObject(emulator);
        }

        /// <summary>-FaultRate checked before anything starts: null (and an error written) when it is wrong.</summary>
        private Dictionary<string, double>? ReadFaultRates()
        {
            if (FaultRate == null) return null;
            var rates = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            try
            {
                foreach (DictionaryEntry entry in FaultRate)
                    rates[entry.Key?.ToString() ?? ""] = LanguagePrimitives.ConvertTo<double>(entry.Value);
                new RenderbusPS.Emulator.Faults.RbFaultRates().Set(rates);
                return rates;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is PSInvalidCastException)
            {
                WriteError(new ErrorRecord(ex, "Rb.InvalidFaultRate", ErrorCategory.InvalidArgument, FaultRate)
                {
                    ErrorDetails = new ErrorDetails($"-FaultRate is not valid: {ex.Message}")
                    {
                        RecommendedAction = "Give rates from 0 to 1 that add up to at most 1, for the kinds "
                            + string.Join(", ", RenderbusPS.Emulator.Faults.RbFaultRates.Kinds) + ".",
                    },
                });
                return null;
            }
        }
    }
}
