using BenchmarkDotNet.Running;
using RenderbusPS.Benchmarks.Harness;

// No arguments (or harness switches): the one-table run that ./build.ps1 -Task Bench prints. See README.md.
// --micro [BenchmarkDotNet switches]: the BenchmarkDotNet micro benchmarks in Micro/ instead.
if (args.Length > 0 && args[0] == "--micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchRun).Assembly).Run(args.Skip(1).ToArray());
    return 0;
}
return await BenchRun.MainAsync(args);
