using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Features.Caching;

/// <summary>
/// The shared cache's connection to Redis, made harmless: every failure is a miss (reads) or a skipped write,
/// never an error. After a failure Redis is left alone for <see cref="RetryAfter"/>, so an outage costs one failed
/// call per period rather than one per request; then the next call tries again, and the client library
/// reconnects by itself when the server is back. Each outage raises <see cref="Unavailable"/> once.
/// </summary>
internal sealed partial class ResilientDistributedCache : IDistributedCache
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    private readonly IDistributedCache _inner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private bool _down;

    public ResilientDistributedCache(IDistributedCache inner, TimeProvider timeProvider, ILogger logger)
    {
        _inner = inner;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Raised once when the shared cache becomes unreachable (at start or mid-session), with a message for the user.</summary>
    public event Action<string>? Unavailable;

    public bool IsDown
    {
        get
        {
            lock (_gate)
            {
                return _down;
            }
        }
    }

    public byte[]? Get(string key) => Guard(() => _inner.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => _inner.GetAsync(key, token), token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard<object?>(() =>
    {
        _inner.Set(key, value, options);
        return null;
    });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync<object?>(
            async () =>
            {
                await _inner.SetAsync(key, value, options, token).ConfigureAwait(false);
                return null;
            },
            token);

    public void Refresh(string key) => Guard<object?>(() =>
    {
        _inner.Refresh(key);
        return null;
    });

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        GuardAsync<object?>(
            async () =>
            {
                await _inner.RefreshAsync(key, token).ConfigureAwait(false);
                return null;
            },
            token);

    public void Remove(string key) => Guard<object?>(() =>
    {
        _inner.Remove(key);
        return null;
    });

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        GuardAsync<object?>(
            async () =>
            {
                await _inner.RemoveAsync(key, token).ConfigureAwait(false);
                return null;
            },
            token);

    private T? Guard<T>(Func<T?> call)
    {
        if (Paused())
        {
            return default;
        }

        try
        {
            var result = call();
            Succeeded();
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failed(exception);
            return default;
        }
    }

    private async Task<T?> GuardAsync<T>(Func<Task<T?>> call, CancellationToken cancellationToken)
    {
        if (Paused())
        {
            return default;
        }

        try
        {
            var result = await call().ConfigureAwait(false);
            Succeeded();
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(exception);
            return default;
        }
    }

    private bool Paused()
    {
        lock (_gate)
        {
            return _timeProvider.GetUtcNow() < _pausedUntil;
        }
    }

    private void Succeeded()
    {
        lock (_gate)
        {
            if (!_down)
            {
                return;
            }

            _down = false;
        }

        LogReconnected(_logger);
    }

    private void Failed(Exception exception)
    {
        bool first;
        lock (_gate)
        {
            _pausedUntil = _timeProvider.GetUtcNow() + RetryAfter;
            first = !_down;
            _down = true;
        }

        // The message names the failure, never the connection string (it may hold a password).
        LogUnavailable(_logger, exception.GetType().Name);
        if (first)
        {
            Unavailable?.Invoke("The shared cache (Redis) is unreachable: answers are cached in memory only until it is back. Nothing else changes.");
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "shared cache unavailable ({Failure}); using memory only")]
    private static partial void LogUnavailable(ILogger logger, string failure);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "shared cache reachable again")]
    private static partial void LogReconnected(ILogger logger);
}
