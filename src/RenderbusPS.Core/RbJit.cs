using System.Runtime.CompilerServices;

namespace RenderbusPS.Core
{
    /// <summary>
    /// How the code that runs once per item of a page (reading a task from the wire, the emulator writing one) asks the JIT
    /// to compile it optimized at once.
    /// <para>
    /// .NET first compiles a method quickly and unoptimized, and compiles it again, optimized, only after it has been called
    /// 30 times in a quiet moment. Inside PowerShell, which keeps compiling its own code as a script runs, that moment comes
    /// late: a listing of 10,000 tasks ran about 3x slower than it could for its first 7 or 8 runs in a fresh process
    /// (measured with the benchmarks' row g). The per-item loops are few and small, so compiling them optimized up front
    /// costs little and the first listings of a script run at full speed.
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
