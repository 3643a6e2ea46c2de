using RenderbusPS.Core.Catalog;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The pager reading ahead with several requests in flight: the same items in the same order as one page at a time, no
/// duplicate and no gap when pages fail and are retried, one error and an exact prefix when a page fails for good,
/// cancellation of every request in flight, and -First/-Skip asking only for the pages they need. Nothing here is
/// timed.
/// </summary>
public class ConcurrentPagingTests : IClassFixture<ConcurrentPagingTests.Farm>
{
    /// <summary>One farm of 10,000 tasks for the tests that do not change it (each test that injects faults clears
    /// them).</summary>
    public sealed class Farm : IDisposable
    {
        internal TestEmulator T { get; } = new(taskCount: 10_000, seed: 12);
        private IReadOnlyList<long>? all;

        /// <summary>Every task id, read one page at a time: the order the service gives.</summary>
        public IReadOnlyList<long> All => all ??= new TasksApi(T.Client.WithThrottleLimit(1)).List(new RbTaskQuery())
            .ReadAllAsync(default)
            .GetAwaiter().GetResult().Select(x => x.Id).ToList();

        public void Dispose() => T.Dispose();
    }

    private readonly Farm farm;
    private TestEmulator T => farm.T;

    public ConcurrentPagingTests(Farm farm)
    {
        this.farm = farm;
        farm.T.Emulator.Faults.Clear();
    }

    /// <summary>
    /// Waits until the emulator's log stops growing: requests an earlier test cancelled are still answered (and logged)
    /// by the emulator after the client gave up on them, and must not be counted as this test's.
    /// </summary>
    private async Task SettleAsync()
    {
        var last = -1;
        for (var i = 0; i < 50 && T.Emulator.RequestCount != last; i++)
        {
            last = (int)T.Emulator.RequestCount;
            await Task.Delay(150);
        }
        T.Emulator.ClearRequests();
    }

    private static async Task<List<long>> DrainAsync(RbPager<RbTask> pager, CancellationToken ct = default)
    {
        var ids = new List<long>();
        while (!pager.IsDone) ids.AddRange((await pager.NextAsync(ct)).Select(x => x.Id));
        return ids;
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(4, 100)]
    [InlineData(8, 37)]
    [InlineData(32, 100)]
    public async Task Read_ahead_gives_every_task_once_in_the_service_order_and_asks_for_each_page_once(int throttleLimit, int pageSize)
    {
        var expected = pageSize == 100 ? farm.All
            : await new TasksApi(T.Client.WithThrottleLimit(1)).List(new RbTaskQuery { PageSize = pageSize })
                .ReadAllAsync(default).ContinueWith(r => r.Result.Select(x => x.Id).ToList());
        Assert.True(expected.Count > 9_000, $"needs many pages, has {expected.Count} tasks");
        await SettleAsync();

        using var pager = new TasksApi(T.Client.WithThrottleLimit(throttleLimit))
            .List(new RbTaskQuery { PageSize = pageSize });
        var ids = await DrainAsync(pager);

        Assert.Equal(expected, ids);
        var pages = (expected.Count + pageSize - 1) / pageSize;
        Assert.Equal(pages, pager.PagesRequested);
        Assert.Equal(pages, T.Emulator.Requests.Count(r => r.Operation == "getTaskList"));
        // several at once, never more than the limit (how many overlap at the peak depends on how fast answers come
        // back)
        Assert.InRange(pager.MaxInFlight, 2, Math.Min(throttleLimit, pages - 1));
        Assert.Equal(0, pager.InFlight);
    }

    [Fact]
    public async Task A_slow_reader_never_makes_the_pager_read_further_ahead_than_the_limit()
    {
        using var pager = new TasksApi(T.Client.WithThrottleLimit(3)).List(new RbTaskQuery());
        var ids = new List<long>();
        while (!pager.IsDone)
        {
            ids.AddRange((await pager.NextAsync(default)).Select(x => x.Id));
            // the pipeline is busy with this page: every page read ahead has time to arrive
            await Task.Delay(30);
            Assert.InRange(pager.PagesRequested - pager.PagesFetched, 0, 3);
        }
        Assert.Equal(farm.All, ids);
    }

    [Fact]
    public async Task One_page_at_a_time_never_has_two_requests_in_flight()
    {
        using var pager = new TasksApi(T.Client.WithThrottleLimit(1)).List(new RbTaskQuery());
        Assert.Equal(farm.All, await DrainAsync(pager));
        Assert.Equal(1, pager.MaxInFlight);
        Assert.Equal(1, pager.Concurrency);
    }

    [Fact]
    public async Task The_session_limit_applies_unless_a_client_view_names_one_and_a_bad_limit_is_refused_first()
    {
        using var client = T.NewClient(o => o.ThrottleLimit = 3);
        using (var pager = new TasksApi(client).List(new RbTaskQuery()))
        {
            Assert.Equal(3, pager.ThrottleLimit);
        }
        using (var pager = new TasksApi(client.WithThrottleLimit(6)).List(new RbTaskQuery()))
        {
            Assert.Equal(6, pager.ThrottleLimit);
        }
        // a view shares its owner's connection and change feed; disposing it leaves the owner working
        var view = client.WithThrottleLimit(5);
        Assert.Same(client, client.WithThrottleLimit(null));
        Assert.Same(client.Changes, view.Changes);
        view.Dispose();
        using (var pager = new TasksApi(view).List(new RbTaskQuery()))
        {
            Assert.Equal(5, pager.ThrottleLimit);
            Assert.NotEmpty(await pager.NextAsync(default));
        }
        using (var pager = new FramesApi(client.WithThrottleLimit(5)).List(farm.All[0]))
        {
            Assert.Equal(5, pager.ThrottleLimit);
        }
        // pages the pagers above read ahead may still be landing (on a busy machine): let them before clearing the log
        for (var seen = (-1L, -1); seen != (T.Emulator.RequestCount, T.Emulator.Requests.Count);)
        {
            seen = (T.Emulator.RequestCount, T.Emulator.Requests.Count);
            await Task.Delay(200);
        }
        T.Emulator.ClearRequests();
        foreach (var bad in new[] { 0, -1, 33 })
        {
            var error = Assert.Throws<RbValidationException>(
                () => new TasksApi(client.WithThrottleLimit(bad)).List(new RbTaskQuery()));
            Assert.Equal("Rb.InvalidThrottleLimit", error.ErrorId);
            Assert.Contains(bad.ToString(), error.Message);
        }
        Assert.Empty(T.Emulator.Requests);
        Assert.Throws<RbValidationException>(() => T.NewClient(o => o.ThrottleLimit = 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Pages_that_fail_at_random_are_retried_and_the_listing_has_no_duplicate_and_no_gap(int seed)
    {
        var random = new Random(seed);
        // six faults of each kind the retry policy repeats, on requests picked at random among the ~96 pages
        foreach (var after in Enumerable.Range(0, 6).Select(_ => random.Next(1, 90)).Distinct())
        {
            T.Emulator.Faults.Add(random.Next(3) switch
            {
                0 => new RbFault { Operation = "getTaskList", After = after, HttpStatus = 503 },
                1 => new RbFault { Operation = "getTaskList", After = after, Code = RbCodes.InternalError },
                _ => new RbFault { Operation = "getTaskList", After = after, HttpStatus = 429 },
            });
        }

        using var pager = new TasksApi(T.Client.WithThrottleLimit(4)).List(new RbTaskQuery());
        var ids = await DrainAsync(pager);

        Assert.Equal(farm.All, ids);
        // the service struggled: the pager lowered its concurrency for the rest of the listing
        Assert.True(pager.Concurrency < 4, $"concurrency stayed at {pager.Concurrency}");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task A_page_that_fails_for_good_stops_the_listing_with_one_error_after_an_exact_prefix(int seed)
    {
        using var client = T.NewClient(o => o.MaxRetries = 0);
        var after = new Random(seed).Next(3, 60);
        T.Emulator.Faults.Add(new RbFault { Operation = "getTaskList", After = after, HttpStatus = 502 });

        using var pager = new TasksApi(client.WithThrottleLimit(4)).List(new RbTaskQuery());
        var ids = new List<long>();
        var errors = 0;
        while (!pager.IsDone)
        {
            try
            {
                ids.AddRange((await pager.NextAsync(default)).Select(x => x.Id));
            }
            catch (RbTransportException ex)
            {
                errors++;
                Assert.Equal(502, ex.HttpStatus);
            }
        }

        Assert.Equal(1, errors);
        Assert.True(ids.Count > 0 && ids.Count < farm.All.Count, $"wrote {ids.Count}");
        Assert.Equal(0, ids.Count % 100);
        Assert.Equal(farm.All.Take(ids.Count), ids);
        Assert.Empty(await pager.NextAsync(default));
    }

    [Fact]
    public async Task Cancelling_while_pages_are_in_flight_cancels_every_one_of_them()
    {
        using var t = new TestEmulator(taskCount: 1_500, seed: 12);
        // every answer takes 3 s: after the first page, the pages read ahead are all still in flight when Ctrl+C comes
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(3);
        using var pager = new TasksApi(t.Client.WithThrottleLimit(4)).List(new RbTaskQuery());
        Assert.Equal(100, (await pager.NextAsync(default)).Count);
        Assert.Equal(5, pager.PagesRequested);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pager.NextAsync(cts.Token));

        for (var i = 0; i < 100 && pager.InFlight > 0; i++) await Task.Delay(50);
        Assert.Equal(0, pager.InFlight);
        Assert.Equal(4, pager.PagesCancelled);
        Assert.True(pager.IsDone);
    }

    [Fact]
    public async Task A_change_published_from_another_thread_while_a_page_is_awaited_never_cancels_that_page()
    {
        using var t = new TestEmulator(taskCount: 2_000, seed: 4);
        var rendering = (
            await new TasksApi(t.Client.WithThrottleLimit(1)).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering } }).ReadAllAsync(default))
            .Select(x => x.Id).ToList();
        Assert.True(rendering.Count > 60, $"needs several pages, has {rendering.Count}");
        t.Emulator.Faults.Delay = TimeSpan.FromMilliseconds(400);

        using var pager = new TasksApi(t.Client.WithThrottleLimit(4)).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Rendering }, PageSize = 20 });
        var emitted = (await pager.NextAsync(default)).Select(x => x.Id).ToList();
        // page 2 is in flight (400 ms) and awaited; meanwhile another thread publishes a stop of what page 1 gave out,
        // as a parallel Stop-RbTask would once the service accepted it
        var publishing = Task.Run(async () =>
        {
            await Task.Delay(150);
            t.Client.Changes.Publish(new RbChange(RbCatalog.StopTask, RbKind.Task, emitted.ToArray()));
        });
        emitted.AddRange((await pager.NextAsync(default)).Select(x => x.Id));
        await publishing;
        Assert.Equal(40, emitted.Count);
        while (!pager.IsDone) emitted.AddRange((await pager.NextAsync(default)).Select(x => x.Id));

        Assert.Equal(emitted.Count, emitted.Distinct().Count());
        Assert.Equal(rendering.OrderBy(i => i), emitted.OrderBy(i => i));
        Assert.Equal(1, pager.Concurrency);
    }

    [Fact]
    public async Task Disposing_a_pager_cancels_its_read_ahead()
    {
        using var t = new TestEmulator(taskCount: 1_500, seed: 12);
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(3);
        var pager = new TasksApi(t.Client.WithThrottleLimit(3)).List(new RbTaskQuery());
        Assert.Equal(100, (await pager.NextAsync(default)).Count);
        Assert.Equal(3, pager.InFlight);
        pager.Dispose();
        for (var i = 0; i < 100 && pager.InFlight > 0; i++) await Task.Delay(50);
        Assert.Equal(3, pager.PagesCancelled);
    }

    [Theory]
    [InlineData(130, 250)]
    [InlineData(0, 10)]
    [InlineData(0, 100)]
    [InlineData(0, 101)]
    [InlineData(30_000, 500)]
    [InlineData(250, null)]
    [InlineData(9_000, null)]
    public async Task First_and_Skip_ask_only_for_the_pages_they_need(long skip, int? first)
    {
        var all = farm.All;
        await SettleAsync();
        using var pager = new TasksApi(T.Client.WithThrottleLimit(4)).List(
            new RbTaskQuery { Skip = skip, First = first });
        var ids = await DrainAsync(pager);

        Assert.Equal(all.Skip((int)Math.Min(skip, all.Count)).Take(first ?? int.MaxValue), ids);
        // the pages holding items skip+1 .. skip+first, or the one page past the end that says the list is shorter
        var firstPage = skip / 100 + 1;
        var lastPage = skip >= all.Count ? firstPage : (Math.Min(all.Count, skip + (first ?? all.Count)) - 1) / 100 + 1;
        Assert.Equal(lastPage - firstPage + 1, pager.PagesRequested);
        Assert.Equal(lastPage - firstPage + 1, T.Emulator.Requests.Count(r => r.Operation == "getTaskList"));
    }

    [Fact]
    public async Task Frames_and_a_frame_log_read_ahead_in_the_same_order_as_one_page_at_a_time()
    {
        using var t = new TestEmulator(taskCount: 20, seed: 3, largeTaskFrames: 450);
        var big = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default))
            .OrderByDescending(x => x.TotalFrames).First();
        var one = await new FramesApi(t.Client.WithThrottleLimit(1)).List(new RbFrameQuery { TaskId = big.Id })
            .ReadAllAsync(default);
        Assert.True(one.Count >= 450, $"needs five pages of frames, has {one.Count}");

        t.Emulator.ClearRequests();
        var four = await new FramesApi(t.Client.WithThrottleLimit(4)).List(new RbFrameQuery { TaskId = big.Id })
            .ReadAllAsync(default);
        Assert.Equal(one.Select(f => f.FrameId), four.Select(f => f.FrameId));
        Assert.Equal((one.Count + 99) / 100, t.Emulator.Requests.Count(r => r.Operation == "queryTaskFrames"));

        // -First without -Status stops the pager itself: no page past the one holding the last frame wanted
        t.Emulator.ClearRequests();
        var firstFew = await new FramesApi(t.Client.WithThrottleLimit(4)).List(
            new RbFrameQuery { TaskId = big.Id, Skip = 150, First = 20 }).ReadAllAsync(default);
        Assert.Equal(one.Skip(150).Take(20).Select(f => f.FrameId), firstFew.Select(f => f.FrameId));
        Assert.Equal(1, t.Emulator.Requests.Count(r => r.Operation == "queryTaskFrames"));

        var frame = one.First(f => f.Status == RbFrameStatus.Finished);
        using var logOne = new FramesApi(t.Client.WithThrottleLimit(1)).ReadLog(frame.FrameId);
        using var logFour = new FramesApi(t.Client.WithThrottleLimit(4)).ReadLog(frame.FrameId);
        var linesOne = new List<RbFrameLogLine>();
        while (!logOne.IsDone) linesOne.AddRange(await logOne.NextAsync(default));
        var linesFour = new List<RbFrameLogLine>();
        while (!logFour.IsDone) linesFour.AddRange(await logFour.NextAsync(default));
        Assert.NotEmpty(linesOne);
        Assert.Equal(linesOne.Select(l => (l.LineNumber, l.Text)), linesFour.Select(l => (l.LineNumber, l.Text)));
    }
}
