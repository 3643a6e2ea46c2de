using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RenderbusPS.Benchmarks.Harness;
using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Emulator;

namespace RenderbusPS.Benchmarks.Micro;

/// <summary>
/// A 100-task page, the answer read most, by the reader kept for it (RbTaskPageReader) and by the binding (RbWire),
/// and a 100-frame page by the binding, from captured answers (their <c>data</c>). README.md keeps the A/B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class WireBenchmarks
{
    private byte[] tasks = null!;
    private byte[] frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var emulator = RbEmulator.Start(new RbEmulatorOptions { Seed = 1, TaskCount = 1000 });
        using var client = InProcessBench.Connect(emulator, 1);
        tasks = Data(emulator, client, RbCatalog.GetTaskList, new RbBody().Add("pageNum", 2).Add("pageSize", 100));
        using var page = JsonDocument.Parse(tasks);
        // the task with the most frames on the page
        var task = page.RootElement.GetProperty("items").EnumerateArray()
            .OrderByDescending(t => t.GetProperty("totalFrames").GetInt32()).First();
        frames = Data(emulator, client, RbCatalog.QueryTaskFrames,
            new RbBody().Add("taskId", task.GetProperty("id").GetInt64()).Add("pageNum", 1).Add("pageSize", 100));
    }

    private static byte[] Data(RbEmulator emulator, RbClient client, RbOperation op, RbBody body)
    {
        var response = client.SendAsync(op, body, default).GetAwaiter().GetResult();
        var data = JsonSerializer.SerializeToUtf8Bytes(response.Data);
        if (data.Length < 1000) throw new InvalidOperationException($"{op.Name} answered only {data.Length} bytes.");
        return data;
    }

    [Benchmark(Baseline = true)]
    public int TaskPage()
    {
        var r = RbWireValue.On(tasks);
        return RbTaskPageReader.Page(ref r, 2).Items.Count;
    }

    [Benchmark]
    public int TaskPageByBinding()
    {
        var r = RbWireValue.On(tasks);
        return RbWire.Page<RbTask>(ref r, 2).Items.Count;
    }

    [Benchmark]
    public int FramePage()
    {
        var r = RbWireValue.On(frames);
        return RbWire.Page<RbFrame>(ref r, 1).Items.Count;
    }
}
