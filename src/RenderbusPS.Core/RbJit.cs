using System.Runtime.CompilerServices;

namespace RenderbusPS.Core
{
    /// <summary>
    /// How the code that runs once per item of a page (reading a task from the wire, the emulator writing one) asks the JIT
    /// to compile it optimized at once.
    /// <para>
    /// .NET first compiles a method quickly and unoptimized, and compiles it again, optimized, only after it has been called
    /// 30 times in a quiet moment. Inside PowerShell, which keeps compiling its own code as a script runs, that moment comes
    /// late: this code ran unoptimized for the first 7 or 8 listings of a fresh process. Compiled optimized at once, listings
    /// 3-5 of a fresh process were about 1.2x faster in wall and CPU time (benchmark row g, processes with and without it
    /// taking turns). The per-item methods are few and small, so compiling them optimized up front costs little; the price is
    /// that they miss .NET's profile-guided recompiling, which once a process has settled (15 or more listings) left them
    /// about 7 % slower in the same benchmark, within its noise.
    /// </para>
    /// </summary>
    internal static class RbJit
    {
        /// <summary>
        /// <c>MethodImplOptions.AggressiveOptimization</c> (512), which netstandard2.0 does not name; .NET Framework (Windows
        /// PowerShell 5.1), which has no tiered compilation, ignores it.
        /// </summary>
        internal const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
