using BenchmarkDotNet.Attributes;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Micro;

/// <summary>
/// What streaming buys: reading the first ten tasks asks for one page, reading all 1000 asks for ten.
/// The ratio (first ten / all) is the share of the listing cost a `Get-RbTask | Select-Object -First 10` pays.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class PagingBenchmarks
{
    private RbEmulator emulator = null!;
    private RbClient client = null!;

    [GlobalSetup]
    public void Setup()
    {
        emulator = RbEmulator.Start(new RbEmulatorOptions { Seed = 1, TaskCount = 1000 });
        client = new RbClient(new RbClientOptions
        {
            Domain = emulator.Domain, Platform = emulator.Platform,
                Credential = RbCredential.Create(emulator.AccessId, emulator.AccessKey),
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        emulator.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> AllTasks() => (
        await new TasksApi(client).List(new RbTaskQuery()).ReadAllAsync(default)).Count;

    [Benchmark]
    public async Task<int> FirstTenTasks() => (
        await new TasksApi(client).List(new RbTaskQuery { First = 10 }).ReadAllAsync(default)).Count;
}
