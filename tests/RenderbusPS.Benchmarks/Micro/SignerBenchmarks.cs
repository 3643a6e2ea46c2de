using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Signing;

namespace RenderbusPS.Benchmarks.Micro;

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
        bulk = JsonDocument.Parse(
            new RbBody().Add("taskIds", Enumerable.Range(1_000_000, 100).Select(i => (long)i).ToArray())
            .ToJsonBytes()).RootElement.Clone();
    }

    [Benchmark(Baseline = true)]
    public string SignOneField() => RbSigner.ComputeSignature(
        Key, RbSigner.SignString("task.renderbus.com", "/api/render/common/queryPlatforms", Headers, small));

    [Benchmark]
    public string SignHundredIds() => RbSigner.ComputeSignature(
        Key, RbSigner.SignString("task.renderbus.com", "/api/rendering/task/renderingTask/stopTask", Headers, bulk));
}
