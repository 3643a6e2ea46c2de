using System.Runtime.CompilerServices;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>
    /// The emulator's per-task writers compiled optimized at once (MethodImplOptions.AggressiveOptimization, which
    /// netstandard2.0 does not name): in a pwsh that runs the emulator beside the client, the double's own cost stays
    /// small from the first listings on. Client code has no such hint (benchmark README, the RbJit A/B).
    /// </summary>
    internal static class EmuJit
    {
        internal const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
