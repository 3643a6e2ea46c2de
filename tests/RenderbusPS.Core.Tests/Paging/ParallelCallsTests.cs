using System.Collections.Concurrent;
using RenderbusPS.Core.Api;
using RenderbusPS.Core.Http;
using RenderbusPS.Core.Models;
using RenderbusPS.Core.Paging;
using RenderbusPS.Emulator;
using RenderbusPS.Emulator.Faults;

namespace RenderbusPS.Core.Tests;

/// <summary>
/// The calls that do not page, run several at once: bulk changes (100 ids a call), look-ups by id and the polls of a
/// wait, and the folders of an output walk. Whatever the order the calls finish in, the results come in the order of
/// the ids (or of a one-folder-at-a-time walk), one per id, none lost or repeated; a failed call is the result of what
/// it carried. Overlap is read from the emulator's log, never from a stopwatch (see <see cref="ProvenOverlap"/>).
/// </summary>
public class ParallelCallsTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The most requests of <paramref name="operation"/> that were inside the emulator at one moment, as far as its log
    /// proves it. The emulator holds every request for the injected delay before it logs it, so requests logged less
    /// than the delay apart were all inside it at the time the earliest of them was logged. This never counts more than
    /// the real figure (a slow machine can only make it count fewer); calls made one after another are always logged at
    /// least the delay apart and count 1. A margin of 20 ms stands for the timer's resolution.
    /// </summary>
    private static int ProvenOverlap(RbEmulator emulator, string operation, TimeSpan delay)
    {
        var window = delay - TimeSpan.FromMilliseconds(20);
        var ends = emulator.Requests.Where(r => r.Operation == operation).Select(r => r.At).OrderBy(a => a).ToList();
        var most = 0;
        for (int i = 0, j = 0; i < ends.Count; i++)
        {
            while (ends[i] - ends[j] >= window) j++;
            most = Math.Max(most, i - j + 1);
        }
        return most;
    }

    private static Task<IReadOnlyList<RbTask>> Stoppable(TestEmulator t)
        => new TasksApi(t.Client).List(
            new RbTaskQuery { Status = new[] { RbTaskStatus.Waiting, RbTaskStatus.Rendering,
            RbTaskStatus.Preprocessing } }).ReadAllAsync(default);

    private static int Sent(TestEmulator t, string operation) =>
        t.Emulator.Requests.Count(r => r.Operation == operation);

    /// <summary>Hears what the client publishes after the service accepted a change.</summary>
    private sealed class ChangeLog : IRbChangeListener
    {
        public ConcurrentQueue<long> Ids { get; } = new ConcurrentQueue<long>();
        public void OnChange(RbChange change)
        {
            foreach (var id in change.Ids) Ids.Enqueue(id);
        }
    }

    [Fact]
    public async Task Stopping_over_a_thousand_tasks_sends_a_call_per_hundred_several_at_once_and_gives_every_id_one_result_in_order_when_calls_fail()
    {
        using var t = new TestEmulator(taskCount: 6500, seed: 11);
        var ids = (await Stoppable(t)).Select(x => x.Id).ToList();
        Assert.True(ids.Count > 1000, "needs more than ten calls' worth of stoppable tasks, has " + ids.Count);
        var chunks = ids.Chunk(100).ToList();
        var changes = new ChangeLog();
        t.Emulator.ClearRequests();
        // the 3rd and the 7th call to arrive fail: one with the service's 500, one with an HTTP 503 (a client that does
        // not retry, so that each stays failed)
        t.Emulator.Faults.Add(new RbFault { Operation = "stopTask", After = 2, Count = 1, Code = 500 });
        t.Emulator.Faults.Add(new RbFault { Operation = "stopTask", After = 6, Count = 1, HttpStatus = 503 });
        t.Emulator.Faults.Delay = Delay;
        using var once = t.NewClient(o => o.MaxRetries = 0);
        once.Changes.Subscribe(changes);

        var results = await new TasksApi(once.WithThrottleLimit(4)).StopAsync(ids, default);

        t.Emulator.Faults.Delay = TimeSpan.Zero;
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Equal(chunks.Count, Sent(t, "stopTask"));
        Assert.All(t.Emulator.Requests.Where(r => r.Operation == "stopTask"), r => Assert.InRange(r.IdCount, 1, 100));
        Assert.Equal(ids.Count, t.Emulator.Requests.Where(r => r.Operation == "stopTask").Sum(r => r.IdCount));
        Assert.InRange(ProvenOverlap(t.Emulator, "stopTask", Delay), 2, 4);

        // the failed calls' ids carry their call's error, whole chunks of them; every other id is done
        var byChunk = chunks.Select(c => results.Where(r => c.Contains(r.Id)).ToList()).ToList();
        var failedChunks = byChunk.Where(c => c.Any(r => !r.Succeeded)).ToList();
        Assert.Equal(2, failedChunks.Count);
        Assert.All(failedChunks, c => Assert.Single(c.Select(r => r.Error).Distinct()));
        Assert.All(failedChunks, c => Assert.All(c, r => Assert.False(r.Succeeded)));
        var errors = failedChunks.Select(c => c[0].Error!).ToList();
        Assert.Single(errors.OfType<RbApiException>(), e => e.Code == RbCodes.InternalError);
        Assert.Single(errors.OfType<RbTransportException>(), e => e.HttpStatus == 503);
        var failed = failedChunks.SelectMany(c => c).Select(r => r.Id).ToHashSet();
        Assert.Equal(ids.Count - failed.Count, results.Count(r => r.Succeeded));

        // what the service says now, and what the client told its listings: the accepted ids, each once
        var after = (await new TasksApi(t.Client).GetAsync(ids, default)).ToDictionary(x => x.Id);
        Assert.All(ids, id => Assert.Equal(!failed.Contains(id), after[id].Status == RbTaskStatus.Stopped));
        Assert.Equal(ids.Where(id => !failed.Contains(id)).OrderBy(id => id), changes.Ids.OrderBy(id => id));
    }

    [Fact]
    public async Task A_call_refused_for_one_task_falls_back_to_one_call_per_id_while_the_other_calls_run_and_the_order_holds()
    {
        using var t = new TestEmulator(taskCount: 2500, seed: 12);
        var stoppable = (await Stoppable(t)).Select(x => x.Id).ToList();
        var finished = (
            await new TasksApi(t.Client).List(new RbTaskQuery { Status = new[] { RbTaskStatus.Finished } })
            .ReadAllAsync(default)).First().Id;
        Assert.True(stoppable.Count > 300);
        // the finished task sits in the third chunk: that chunk is refused whole (code 100), looked up once, and its
        // other 99 tasks are sent again together
        var ids = stoppable.Take(250).Append(finished).Concat(stoppable.Skip(250).Take(100)).ToList();
        t.Emulator.ClearRequests();

        var results = await new TasksApi(t.Client.WithThrottleLimit(3)).StopAsync(ids, default);

        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Equal("Rb.Fail", Refusal.Of(Assert.Single(results, r => !r.Succeeded).Error).Id);
        Assert.Equal(finished, results.Single(r => !r.Succeeded).Id);
        Assert.Equal(4 + 1, Sent(t, "stopTask")); // calls of 100, 100, 100 and 51; then the third call's other 99
        Assert.Equal(1, Sent(t, "queryTaskInfo"));
    }

    [Fact]
    public async Task A_throttle_limit_of_one_sends_one_call_at_a_time()
    {
        using var t = new TestEmulator(taskCount: 3000, seed: 13);
        var ids = (await Stoppable(t)).Select(x => x.Id).Take(450).ToList();
        var all = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default)).Select(x => x.Id)
            .Take(500).ToList();
        t.Emulator.ClearRequests();
        t.Emulator.Faults.Delay = Delay;

        var stopped = await new TasksApi(t.Client.WithThrottleLimit(1)).StopAsync(ids, default);
        var read = await new TasksApi(t.Client.WithThrottleLimit(1)).GetEachAsync(all, default);

        t.Emulator.Faults.Delay = TimeSpan.Zero;
        Assert.Equal(ids, stopped.Select(r => r.Id));
        Assert.All(stopped, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(all, read.Select(r => r.Id));
        Assert.All(read, r => Assert.NotNull(r.Item));
        Assert.Equal(5, Sent(t, "stopTask"));
        Assert.Equal(5, Sent(t, "queryTaskInfo"));
        Assert.Equal(1, ProvenOverlap(t.Emulator, "stopTask", Delay));
        Assert.Equal(1, ProvenOverlap(t.Emulator, "queryTaskInfo", Delay));
    }

    [Fact]
    public async Task Cancelling_a_bulk_change_with_calls_in_flight_ends_at_once_and_sends_nothing_more()
    {
        using var t = new TestEmulator(taskCount: 3000, seed: 14);
        var ids = (await Stoppable(t)).Select(x => x.Id).ToList();
        Assert.True(ids.Count > 400, "needs more calls than the limit, has " + ids.Count + " ids");
        t.Emulator.ClearRequests();
        var before = t.Emulator.RequestCount;
        // no answer comes for 30 s: whatever ends the call before then is the cancellation
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new TasksApi(t.Client.WithThrottleLimit(4)).StopAsync(ids, cts.Token));

        Assert.Equal(0, Sent(t, "stopTask"));
        var sent = t.Emulator.RequestCount - before;
        Assert.InRange(sent, 0, 4);
        await Task.Delay(300);
        Assert.Equal(sent, t.Emulator.RequestCount - before);
    }

    [Fact]
    public async Task A_wait_polls_a_hundred_ids_a_call_several_calls_at_once_with_the_tasks_in_the_order_given()
    {
        using var t = new TestEmulator(taskCount: 1200, seed: 15);
        var ids = (await new TasksApi(t.Client).List(new RbTaskQuery()).ReadAllAsync(default)).Select(x => x.Id)
            .Reverse().ToList();
        var waiter = new RbTaskWaiter(
            new TasksApi(t.Client.WithThrottleLimit(4)), ids, null, TimeSpan.FromSeconds(1), any: false);
        Assert.Equal(4, waiter.ThrottleLimit);
        t.Emulator.ClearRequests();
        // one poll call fails once: the client repeats it (a read is safe to repeat) and the poll is whole
        t.Emulator.Faults.Add(new RbFault { Operation = "queryTaskInfo", After = 4, Count = 1, HttpStatus = 503 });
        t.Emulator.Faults.Delay = Delay;

        var poll = await waiter.PollAsync(default);

        t.Emulator.Faults.Delay = TimeSpan.Zero;
        Assert.Equal(ids, poll.Tasks.Select(x => x.Id));
        Assert.Empty(poll.Missing);
        Assert.Equal(12 + 1, Sent(t, "queryTaskInfo"));
        Assert.All(t.Emulator.Requests, r => Assert.InRange(r.IdCount, 1, 100));
        Assert.InRange(ProvenOverlap(t.Emulator, "queryTaskInfo", Delay), 2, 4);

        // without repeats the failed call's error ends the poll: a wait never goes on without some of its tasks
        using var once = t.NewClient(o => o.MaxRetries = 0);
        var strict = new RbTaskWaiter(
            new TasksApi(once.WithThrottleLimit(4)), ids, null, TimeSpan.FromSeconds(1), any: false);
        t.Emulator.Faults.Add(new RbFault { Operation = "queryTaskInfo", After = 7, Count = 1, HttpStatus = 503 });
        Assert.Equal(503, (await Assert.ThrowsAsync<RbTransportException>(() => strict.PollAsync(default))).HttpStatus);
    }

    /// <summary>The walk as it was before it listed folders at once: one folder at a time, depth first, each folder's
    /// listing with the folders found so far.</summary>
    private static async Task<List<(string Folder, IReadOnlyList<RbOutputFile> Items)>> OneAtATime(
        OutputApi api, string path, long? taskId)
    {
        var walk = new List<(string, IReadOnlyList<RbOutputFile>)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        async Task Visit(string folder)
        {
            var items = await api.ListAsync(folder, taskId, default);
            walk.Add((folder, items));
            foreach (
                var dir in items.Where(f => f.IsDirectory && f.Path != folder && seen.Add(f.Path))
                .ToList()) await Visit(dir.Path);
        }
        await Visit(path);
        return walk;
    }

    private static IEnumerable<(string, bool, long, long?)> Shape(IEnumerable<RbOutputFile> files) => files.Select(
        f => (f.Path, f.IsDirectory, f.Size, f.TaskId));

    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    public async Task An_output_walk_lists_folders_at_once_and_gives_them_out_in_the_order_of_a_walk_one_folder_at_a_time(int limit)
    {
        using var t = new TestEmulator(taskCount: 40, seed: 16);
        var reference = await OneAtATime(new OutputApi(t.Client), "/", null);
        Assert.True(reference.Count > 30, "needs a tree of many folders, has " + reference.Count);
        t.Emulator.ClearRequests();
        var delay = TimeSpan.FromMilliseconds(100);
        t.Emulator.Faults.Delay = delay;

        using var walk = new OutputApi(t.Client.WithThrottleLimit(limit)).Walk("/", null, recurse: true);
        var given = new List<RbOutputFile>();
        var folders = 0;
        while (!walk.IsDone)
        {
            given.AddRange(await walk.NextAsync(default));
            folders++;
            // it streams: never more than twice the limit of folders listed beyond what it gave out
            Assert.InRange(walk.Requests - folders, 0, 2 * limit + 1);
        }

        t.Emulator.Faults.Delay = TimeSpan.Zero;
        Assert.Equal(Shape(reference.SelectMany(r => r.Items)), Shape(given));
        Assert.Equal(reference.Count, walk.Requests);
        Assert.Equal(reference.Count, Sent(t, "getOutputUserDirFile"));
        var overlap = ProvenOverlap(t.Emulator, "getOutputUserDirFile", delay);
        if (limit == 1) Assert.Equal(1, overlap);
        else Assert.InRange(overlap, 2, limit);
    }

    [Fact]
    public async Task A_folder_that_fails_throws_in_its_turn_after_the_folders_before_it_and_the_walk_goes_on_without_what_lies_below_it()
    {
        using var t = new TestEmulator(taskCount: 60, seed: 17);
        using var once = t.NewClient(o => o.MaxRetries = 0);
        var reference = await OneAtATime(new OutputApi(once), "/", null);
        t.Emulator.Faults.Add(new RbFault { Operation = "getOutputUserDirFile", After = 5, Count = 1, Code = 500 });

        using var walk = new OutputApi(once.WithThrottleLimit(4)).Walk("/", null, recurse: true);
        var given = new List<IReadOnlyList<RbOutputFile>>();
        RbApiException? failure = null;
        var failedAt = -1;
        while (!walk.IsDone)
        {
            try
            {
                given.Add(await walk.NextAsync(default));
            }
            catch (RbApiException ex)
            {
                Assert.Null(failure);
                failure = ex;
                failedAt = given.Count;
            }
        }

        Assert.NotNull(failure);
        Assert.Equal(RbCodes.InternalError, failure!.Code);
        // up to the failure, exactly the one-at-a-time walk; then the same walk without the failed folder and its
        // sub-folders
        var failed = reference[failedAt].Folder;
        var expected = reference.Where(
            (r, i) => i != failedAt && !r.Folder.StartsWith(failed + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Select(r => Shape(r.Items).ToList()), given.Select(g => Shape(g).ToList()));
        Assert.Equal(
            reference.Take(failedAt).Select(r => Shape(r.Items).ToList()), given.Take(failedAt)
            .Select(g => Shape(g).ToList()));
    }

    [Fact]
    public async Task Cancelling_a_walk_with_folders_in_flight_ends_at_once_and_the_walk_sends_nothing_more()
    {
        using var t = new TestEmulator(taskCount: 60, seed: 18);
        t.Emulator.ClearRequests();
        using var walk = new OutputApi(t.Client.WithThrottleLimit(4)).Walk("/", null, recurse: true);
        var root = await walk.NextAsync(default);
        Assert.True(root.Count(f => f.IsDirectory) > 12);
        // from now on no answer comes for 30 s: take what was listed already, until a folder has to wait and is
        // cancelled
        t.Emulator.Faults.Delay = TimeSpan.FromSeconds(30);
        var given = 1;
        while (true)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await walk.NextAsync(cts.Token);
                given++;
                Assert.True(given < 20, "the walk should have run out of folders listed ahead");
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // it ended with calls unanswered (it did not wait for them), and sends nothing more, even when asked to go on
        Assert.True(
            walk.Requests > Sent(t, "getOutputUserDirFile"),
            $"{walk.Requests} listings started, {Sent(t, "getOutputUserDirFile")} answered");
        Assert.InRange(walk.Requests - given, 1, 2 * 4 + 1);
        var sent = t.Emulator.RequestCount;
        var requests = walk.Requests;
        await Task.Delay(300);
        // going on gives out what was listed before the cancel and cancels the rest, without a request
        var unlisted = 0;
        while (!walk.IsDone)
        {
            try { await walk.NextAsync(default); }
            catch (OperationCanceledException) { unlisted++; }
        }
        Assert.True(unlisted > 0);
        Assert.Equal(sent, t.Emulator.RequestCount);
        Assert.Equal(requests, walk.Requests);
    }
}

/// <summary>What the calls above share: the runner (order, the limit, the first failure) and the report of a bulk
/// change call by call.</summary>
public class ParallelRunnerTests
{
    [Fact]
    public void A_bulk_change_sent_several_calls_at_once_is_reported_call_by_call_as_one_call_at_a_time_would_report_it()
    {
        var ids = Enumerable.Range(1, 250).Select(i => (long)i).ToList();
        var refused = new RbApiException(RbCodes.Fail, "no", "/x", null);
        // two results per id (two settings); id 120 fails its second, ids 201-210 their first
        var results = ids.Select(id => new RbItemResult(id, id > 200 && id <= 210 ? refused : null))
            .Concat(ids.Select(id => new RbItemResult(id, id == 120 ? refused : null))).ToList();
        var after = ids.Where(id => id != 120 && (id <= 200 || id > 210)).Reverse().Select(id => $"task {id}").ToList();

        var calls = RbBulkSender.ByCall(ids, 100, results, after, text => long.Parse(text.Substring(5)));

        Assert.Equal(new[] { 100, 100, 50 }, calls.Select(c => c.Ids.Length));
        Assert.Equal(ids, calls.SelectMany(c => c.Ids));
        Assert.Empty(calls[0].Failed);
        Assert.Equal(120, Assert.Single(calls[1].Failed).Id);
        Assert.Equal(Enumerable.Range(201, 10).Select(i => (long)i), calls[2].Failed.Select(r => r.Id));
        Assert.Equal(new[] { 100, 99, 40 }, calls.Select(c => c.DoneCount));
        Assert.Equal(after.Where(a => long.Parse(a.Substring(5)) > 200), calls[2].After);
        Assert.Equal(after.Count, calls.Sum(c => c.After.Count));
        Assert.Equal(RbBulkSender.DoneIds(results), ids.Where(id => id != 120 && (id <= 200 || id > 210)));
    }

    [Fact]
    public async Task Runs_up_to_the_limit_at_once_never_more_and_gives_results_in_the_items_order()
    {
        var running = 0;
        var most = 0;
        var full = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var items = Enumerable.Range(0, 40).ToList();
        var run = RbParallel.MapAsync(items, 4, async (i, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (items) most = Math.Max(most, now);
            if (now == 4) full.TrySetResult(true);
            // the first calls wait until four are in flight together; later ones finish in reverse order of their start
            await full.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay((40 - i) % 3);
            Interlocked.Decrement(ref running);
            return i * 10;
        }, default);

        var results = await run;

        Assert.Equal(items.Select(i => i * 10), results);
        Assert.Equal(4, most);
    }

    [Fact]
    public async Task The_first_failure_cancels_the_calls_in_flight_starts_no_more_and_is_thrown()
    {
        var started = new ConcurrentBag<int>();
        var cancelled = new ConcurrentBag<int>();
        var three = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var items = Enumerable.Range(0, 20).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RbParallel.MapAsync(items, 3, async (i, ct) =>
        {
            started.Add(i);
            if (started.Count == 3) three.TrySetResult(true);
            if (i == 1)
            {
                // fails once three calls are in flight
                await three.Task.WaitAsync(TimeSpan.FromSeconds(30));
                throw new InvalidOperationException("item 1");
            }
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.Add(i);
                throw;
            }
            return i;
        }, default));

        Assert.Equal("item 1", error.Message);
        Assert.Equal(new[] { 0, 1, 2 }, started.OrderBy(i => i));
        Assert.Equal(new[] { 0, 2 }, cancelled.OrderBy(i => i));
    }
}
