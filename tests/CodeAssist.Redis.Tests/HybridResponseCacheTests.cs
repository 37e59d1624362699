using CodeAssist.Features.Caching;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Redis.Tests;

/// <summary>The shared cache in-process against a real redis-server: sharing, an outage mid-session, and coming back.</summary>
public sealed class HybridResponseCacheTests
{
    private static readonly string KeyA = new('a', 64);
    private static readonly string KeyB = new('b', 64);

    private static HybridResponseCache Create(string connection, List<string> notices, TimeProvider? time = null) =>
        SharedResponseCache.Create("TEAM_REDIS", 64, name => name == "TEAM_REDIS" ? connection : null, time ?? TimeProvider.System, null, notices.Add)!;

    [Fact]
    public async Task AnswerSetByOneInstance_IsAHitForAnother_UnderThePrefix()
    {
        using var redis = await RedisServer.StartAsync();
        var notices = new List<string>();
        using var writer = Create(redis.ConnectionString, notices);
        using var reader = Create(redis.ConnectionString, notices);

        Assert.Null(await reader.GetAsync(KeyA, CancellationToken.None));
        await writer.SetAsync(KeyA, "shared answer", CancellationToken.None);

        Assert.Equal("shared answer", await reader.GetAsync(KeyA, CancellationToken.None));
        Assert.Equal(":1", await redis.CommandAsync($"EXISTS {SharedResponseCache.KeyPrefix}{KeyA}"));
        Assert.Empty(notices);
    }

    [Fact]
    public async Task SharedValues_AreRedacted()
    {
        using var redis = await RedisServer.StartAsync();
        var notices = new List<string>();
        using var writer = Create(redis.ConnectionString, notices);
        using var reader = Create(redis.ConnectionString, notices);

        await writer.SetAsync(KeyA, "use password=hunter2hunter2 here", CancellationToken.None);

        var shared = await reader.GetAsync(KeyA, CancellationToken.None);
        Assert.NotNull(shared);
        Assert.DoesNotContain("hunter2hunter2", shared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisKilledMidSession_ReadsAndWritesKeepWorking_OneNotice()
    {
        var redis = await RedisServer.StartAsync();
        var notices = new List<string>();
        using var cache = Create(redis.ConnectionString, notices);
        await cache.SetAsync(KeyA, "before", CancellationToken.None);

        redis.Dispose();
        var stillThere = await cache.GetAsync(KeyA, CancellationToken.None);
        var miss = await cache.GetAsync(KeyB, CancellationToken.None);
        await cache.SetAsync(KeyB, "during", CancellationToken.None);
        var written = await cache.GetAsync(KeyB, CancellationToken.None);
        Assert.Null(await cache.GetAsync(new string('c', 64), CancellationToken.None));

        Assert.Equal("before", stillThere);
        Assert.Null(miss);
        Assert.Equal("during", written);
        Assert.Single(notices);
    }

    [Fact]
    public async Task RedisBack_AfterThePause_AnswersAreSharedAgain()
    {
        var port = RedisServer.FreePort();
        var redis = await RedisServer.StartAsync(port);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var notices = new List<string>();
        using var cache = Create(redis.ConnectionString, notices, time);
        await cache.SetAsync(KeyA, "first", CancellationToken.None);
        redis.Dispose();
        Assert.Null(await cache.GetAsync(KeyB, CancellationToken.None));

        using var restarted = await RedisServer.StartAsync(port);
        time.Advance(ResilientDistributedCacheRetry);
        var shared = false;
        for (var attempt = 0; attempt < 100 && !shared; attempt++)
        {
            // The client reconnects in the background; each failed try pauses Redis again, so time moves on.
            await cache.SetAsync(KeyB, "after", CancellationToken.None);
            shared = await restarted.CommandAsync($"EXISTS {SharedResponseCache.KeyPrefix}{KeyB}") == ":1";
            time.Advance(ResilientDistributedCacheRetry);
            await Task.Delay(100);
        }

        Assert.True(shared, "the answer never reached the restarted Redis");
        Assert.Single(notices);
    }

    private static TimeSpan ResilientDistributedCacheRetry => TimeSpan.FromSeconds(16);
}
