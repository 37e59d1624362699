using System.Collections.Concurrent;
using CodeAssist.Server.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CodeAssist.Server.Tests.Queue;

public sealed class RequestQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // The "document store" of these tests: a version per URI, changed only by mutations.
    private readonly ConcurrentDictionary<string, int> _versions = new();
    private RequestQueue<Snapshot> _queue = null!;

    public Task InitializeAsync()
    {
        _queue = new RequestQueue<Snapshot>(
            item => new Snapshot(item.DocumentUri is { } uri ? _versions.GetValueOrDefault(uri) : 0), NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _queue.DisposeAsync();

    [Fact]
    public async Task Mutations_RunOneAtATime_InArrivalOrder()
    {
        var log = new ConcurrentQueue<string>();
        var running = 0;
        var maxRunning = 0;
        var tasks = Enumerable.Range(0, 20).Select(i => _queue.EnqueueAsync(Mutation($"m{i}", "a", async () =>
        {
            var now = Interlocked.Increment(ref running);
            maxRunning = Math.Max(maxRunning, now);
            await Task.Delay(i % 3);
            log.Enqueue($"m{i}");
            Interlocked.Decrement(ref running);
        }))).ToList();

        await Task.WhenAll(tasks).WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}"), log);
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task Read_SeesTheSnapshotOfEveryEarlierMutation_AndNotLaterOnes()
    {
        var release = new TaskCompletionSource();
        var first = _queue.EnqueueAsync(Mutation("change1", "a", () => { _versions["a"] = 1; return Task.CompletedTask; }));
        var read = _queue.EnqueueAsync(Read("read", "a", async (snapshot, _) =>
        {
            await release.Task;
            return snapshot.Version;
        }));
        var second = _queue.EnqueueAsync(Mutation("change2", "b", () => { _versions["a"] = 2; return Task.CompletedTask; }));

        await Task.WhenAll(first, second).WaitAsync(Timeout);
        release.SetResult();

        // The read was dequeued after change1 and kept its snapshot while change2 ran.
        Assert.Equal(1, await read.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Reads_RunConcurrently()
    {
        var bothStarted = new TaskCompletionSource();
        var started = 0;
        Func<Snapshot, CancellationToken, Task<object?>> body = async (_, _) =>
        {
            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.SetResult();
            }

            await bothStarted.Task;
            return null;
        };

        // Each read waits for the other: this completes only if they run at the same time.
        await Task.WhenAll(_queue.EnqueueAsync(Read("r1", "a", body)), _queue.EnqueueAsync(Read("r2", "a", body))).WaitAsync(Timeout);
    }

    [Fact]
    public async Task Change_CancelsRunningReadsOfThatDocument_Only()
    {
        var readsStarted = new CountdownEvent(2);
        Func<Snapshot, CancellationToken, Task<object?>> waitForCancel = async (_, token) =>
        {
            readsStarted.Signal();
            await Task.Delay(System.Threading.Timeout.Infinite, token);
            return null;
        };
        var otherRelease = new TaskCompletionSource<object?>();
        var readA = _queue.EnqueueAsync(Read("readA", "a", waitForCancel));
        var readB = _queue.EnqueueAsync(Read("readB", "b", async (_, token) =>
        {
            readsStarted.Signal();
            return await otherRelease.Task.WaitAsync(token);
        }));
        Assert.True(readsStarted.Wait(Timeout));

        await _queue.EnqueueAsync(Mutation("changeA", "a", () => Task.CompletedTask)).WaitAsync(Timeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => readA.WaitAsync(Timeout));
        Assert.False(readB.IsCompleted);
        otherRelease.SetResult("b done");
        Assert.Equal("b done", await readB.WaitAsync(Timeout));
    }

    [Fact]
    public async Task RequestCancellation_CancelsARunningRead_EvenIfTheHandlerIgnoresIt()
    {
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var never = new TaskCompletionSource<object?>();
        var read = _queue.EnqueueAsync(new QueueItem<Snapshot>("slow", false, "a", (_, _) =>
        {
            started.SetResult();
            return never.Task;
        }, cancel.Token));
        await started.Task.WaitAsync(Timeout);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Timeout));
    }

    [Fact]
    public async Task RequestCancelledWhileQueued_NeverRuns()
    {
        var release = new TaskCompletionSource();
        var blocker = _queue.EnqueueAsync(Mutation("slowMutation", null, () => release.Task));
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var read = _queue.EnqueueAsync(new QueueItem<Snapshot>("read", false, null, (_, _) =>
        {
            ran = true;
            return Task.FromResult<object?>(null);
        }, cancel.Token));

        await cancel.CancelAsync();
        release.SetResult();
        await blocker.WaitAsync(Timeout);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(Timeout));
        Assert.False(ran);
    }

    [Fact]
    public async Task ThrowingHandlers_FailOnlyTheirOwnItem()
    {
        var badRead = _queue.EnqueueAsync(Read("bad", null, (_, _) => throw new InvalidOperationException("boom")));
        var badMutation = _queue.EnqueueAsync(Mutation("badMutation", null, () => throw new InvalidOperationException("bang")));
        var good = _queue.EnqueueAsync(Read("good", null, (_, _) => Task.FromResult<object?>(42)));

        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => badRead.WaitAsync(Timeout))).Message);
        Assert.Equal("bang", (await Assert.ThrowsAsync<InvalidOperationException>(() => badMutation.WaitAsync(Timeout))).Message);
        Assert.Equal(42, await good.WaitAsync(Timeout));
    }

    private static QueueItem<Snapshot> Mutation(string name, string? uri, Func<Task> body) =>
        new(name, true, uri, async (_, _) =>
        {
            await body();
            return null;
        }, CancellationToken.None);

    private static QueueItem<Snapshot> Read(string name, string? uri, Func<Snapshot, CancellationToken, Task<object?>> body) =>
        new(name, false, uri, body, CancellationToken.None);

    private static QueueItem<Snapshot> Read(string name, string? uri, Func<Snapshot, CancellationToken, Task<int>> body) =>
        new(name, false, uri, async (snapshot, token) => await body(snapshot, token), CancellationToken.None);

    private sealed record Snapshot(int Version);
}
