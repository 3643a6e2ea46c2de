using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;
using RenderbusPS.Emulator;

// No arguments: run every benchmark. Otherwise BenchmarkDotNet's own switches (--filter, --job, ...).
if (args.Length == 0) BenchmarkRunner.Run(typeof(PagingBenchmarks).Assembly);
else BenchmarkSwitcher.FromAssembly(typeof(PagingBenchmarks).Assembly).Run(args);

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
            Domain = emulator.Domain, Platform = emulator.Platform, Credential = new RbCredential(emulator.AccessId, emulator.AccessKey),
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        client.Dispose();
        emulator.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> AllTasks() => (await client.Tasks().List(new RbTaskQuery()).ReadAllAsync(default)).Count;

    [Benchmark]
    public async Task<int> FirstTenTasks() => (await client.Tasks().List(new RbTaskQuery { First = 10 }).ReadAllAsync(default)).Count;
}

/// <summary>Cost of signing a bulk request (100 ids) relative to a single-field one.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class SignerBenchmarks
{
    private static readonly KeyValuePair<string, string>[] Headers =
    {
        new("accessId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"), new("channel", "4"), new("platform", "2"),
        new("UTCTimestamp", "1535957371"), new("nonce", "118861234"), new("version", "2.0.0"),
    };
    private static readonly byte[] Key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"u8.ToArray();
    private JsonElement small;
    private JsonElement bulk;

    [GlobalSetup]
    public void Setup()
    {
        small = JsonDocument.Parse(new RbBody().Add("zone", 1).ToJsonBytes()).RootElement.Clone();
        bulk = JsonDocument.Parse(new RbBody().Add("taskIds", Enumerable.Range(1_000_000, 100).Select(i => (long)i).ToArray()).ToJsonBytes()).RootElement.Clone();
    }

    [Benchmark(Baseline = true)]
    public string SignOneField() => RbSigner.ComputeSignature(Key, RbSigner.SignString("task.renderbus.com", "/api/render/common/queryPlatforms", Headers, small));

    [Benchmark]
    public string SignHundredIds() => RbSigner.ComputeSignature(Key, RbSigner.SignString("task.renderbus.com", "/api/rendering/task/renderingTask/stopTask", Headers, bulk));
}
