namespace CodeAssist.Features.Caching;

/// <summary>
/// Model answers keyed by <see cref="ResponseCacheKey"/>. Implementations must be safe to call concurrently and
/// must treat any damaged entry as a miss: a cache can make an answer faster, never wrong or failing.
/// </summary>
public interface IResponseCache
{
    string? Get(string key);

    void Set(string key, string value);
}
