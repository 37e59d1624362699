namespace CodeAssist.Features.Caching;

/// <summary>
/// Model answers keyed by <see cref="ResponseCacheKey"/>. Implementations must be safe to call concurrently and
/// must treat any damaged entry, or a cache server that is down, as a miss: a cache can make an answer faster,
/// never wrong or failing. Asynchronous because the shared cache may ask a Redis server.
/// </summary>
public interface IResponseCache
{
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken);

    ValueTask SetAsync(string key, string value, CancellationToken cancellationToken);
}
