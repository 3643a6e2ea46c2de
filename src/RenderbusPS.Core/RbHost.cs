using System;

namespace RenderbusPS.Core
{
    /// <summary>Which PowerShell hosts can run the module (its manifest cannot say "5.1, or 7.4 and later").</summary>
    internal static class RbHost
    {
        /// <summary>The .NET that PowerShell 7.4 runs on; PowerShell 7.0 to 7.3 run on .NET Core 3.1 to .NET
        /// 7.</summary>
        public const int MinimumNetMajor = 8;

        /// <summary>
        /// Why a host cannot run the module, or null when it can. PowerShell 7.0 to 7.3 load their own, older
        /// System.Text.Json before the module's 8.0, so the module would fail later in confusing ways.
        /// </summary>
        public static string? Refusal(bool isNetFramework, Version runtime)
            => isNetFramework || runtime.Major >= MinimumNetMajor ? null
                : $"RenderbusPS needs PowerShell 7.4 or later (or Windows PowerShell 5.1). This PowerShell runs on .NET {runtime.Major}.{runtime.Minor}, " +
                  "which means PowerShell 7.3 or older, whose System.Text.Json is older than the 8.0 the module needs. " +
                  "Install PowerShell 7.4 or later and import the module there.";
    }
}
