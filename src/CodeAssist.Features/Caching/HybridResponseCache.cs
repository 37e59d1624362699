using CodeAssist.Llm.Redaction;
using Microsoft.Extensions.Caching.Hybrid;

namespace CodeAssist.Features.Caching;

/// <summary>
/// The response cache shared by a team: Microsoft.Extensions.Caching.Hybrid with memory as L1 and, when
/// <c>cache.redis</c> is set, Redis as L2, so an answer computed by one CodeAssist (server or CLI run) is a hit
/// for every other one pointing at the same Redis. Redis trouble only ever costs the sharing
/// (<see cref="ResilientDistributedCache"/>). Built by <see cref="SharedResponseCache"/>.
/// </summary>
public sealed class HybridResponseCache : IResponseCache, IDisposable
{
    // LocalSize 1 per entry: the memory level is bounded by entry count, like the server's plain memory cache.
    private static readonly HybridCacheEntryOptions WriteOptions = new()
    {
        Expiration = TimeSpan.FromDays(7),
        LocalCacheExpiration = TimeSpan.FromHours(4),
        LocalSize = 1,
    };

    // A read must never compute anything: a miss returns null and the feature asks the model itself.
    private static readonly HybridCacheEntryOptions ReadOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData,
        LocalCacheExpiration = TimeSpan.FromHours(4),
        LocalSize = 1,
    };

    private readonly HybridCache _cache;
    private readonly IDisposable _owner;

    internal HybridResponseCache(HybridCache cache, IDisposable owner, bool shared)
    {
        _cache = cache;
        _owner = owner;
        IsShared = shared;
    }

    /// <summary>True when answers go to Redis too (it may be down at any moment; that only costs the sharing).</summary>
    public bool IsShared { get; }

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        await _cache.GetOrCreateAsync<string?>(key, _ => ValueTask.FromResult<string?>(null), ReadOptions, tags: null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Stores an answer. Shared values are redacted first: a local model saw the unredacted prompt and may have
    /// quoted a secret, which must not reach a cache that other people read.
    /// </summary>
    public ValueTask SetAsync(string key, string value, CancellationToken cancellationToken) =>
        _cache.SetAsync(key, IsShared ? SecretRedactor.Redact(value) : value, WriteOptions, tags: null, cancellationToken);

    public void Dispose() => _owner.Dispose();
}
