using Microsoft.Extensions.Caching.Memory;

namespace CodeAssist.Features.Caching;

/// <summary>The server's cache: bounded by entry count so a long editing session cannot grow it without limit.</summary>
public sealed class MemoryResponseCache : IResponseCache, IDisposable
{
    private readonly MemoryCache _cache;

    public MemoryResponseCache(int maxEntries, TimeProvider timeProvider)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, maxEntries), Clock = new TimeProviderClock(timeProvider) });
    }

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Get(key));

    public ValueTask SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        Set(key, value);
        return ValueTask.CompletedTask;
    }

    public string? Get(string key) => _cache.TryGetValue(key, out string? value) ? value : null;

    public void Set(string key, string value) =>
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(4) });

    public void Dispose() => _cache.Dispose();

#pragma warning disable CS0618 // ISystemClock is the only clock MemoryCacheOptions accepts.
    private sealed class TimeProviderClock(TimeProvider timeProvider) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
    }
#pragma warning restore CS0618
}
