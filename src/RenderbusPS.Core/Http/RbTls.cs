using System;
using System.Net;
using System.Runtime.InteropServices;

namespace RenderbusPS.Core.Http
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose default protocols may still leave TLS 1.2 out (it follows
    /// the machine's registry). There, and only there, TLS 1.2 is added to what the process allows, and TLS 1.3 where
    /// Windows has it (build 20348 and later). Protocols already allowed are kept. .NET (PowerShell 7) uses the
    /// system's defaults, which include both.
    /// </summary>
    internal static class RbTls
    {
        private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;
        internal static readonly bool IsNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(
            ".NET Framework", StringComparison.Ordinal);

        public static void EnsureModernProtocols()
        {
            if (!IsNetFramework) return;
            var wanted = SecurityProtocolType.Tls12;
            if (Environment.OSVersion.Platform == PlatformID.Win32NT
                && Environment.OSVersion.Version.Build >= 20348) wanted |= Tls13;
            var current = ServicePointManager.SecurityProtocol;
            // SystemDefault (0) lets the OS choose; it is only widened when the OS has not been told to allow TLS 1.2.
            if ((current & wanted) != wanted) ServicePointManager.SecurityProtocol = current | wanted;
        }
    }
}
