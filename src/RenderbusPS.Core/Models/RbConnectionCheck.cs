namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// One check of Test-RbConnection: Host, Clock, Credential, Zone, Platform or Balance, whether it passed, what was
    /// measured, and what to do when it failed.
    /// </summary>
    public sealed class RbConnectionCheck
    {
        /// <summary>Host, Clock, Credential, Zone, Platform or Balance.</summary>
        public string Name { get; set; } = "";
        public bool Passed { get; set; }
        /// <summary>What was measured, in words; "not checked: …" when a failed check kept it from
        /// running.</summary>
        public string Measured { get; set; } = "";
        /// <summary>
        /// What was measured, as a value for scripts: the answer time (Host), the service's clock minus this
        /// machine's (Clock), the user name (Credential), the account's zone (Zone), the platform's status (Platform),
        /// the balance (Balance); null when not measured.
        /// </summary>
        public object? Value { get; set; }
        /// <summary>What to do about a failed check; null when it passed.</summary>
        public string? Advice { get; set; }
        /// <summary>The host the check talked to.</summary>
        public string? Domain { get; set; }

        public override string ToString() => $"{Name}: {(Passed ? "passed" : "FAILED")}, {Measured}";
    }
}
