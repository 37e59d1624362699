using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CodeAssist.Features.Caching;

/// <summary>Builds the shared response cache from <c>cache.redis</c> (the name of the variable holding the connection string).</summary>
public static class SharedResponseCache
{
    /// <summary>Prefix of every key in Redis, so CodeAssist can share a Redis with other applications.</summary>
    public const string KeyPrefix = "codeassist:";

    /// <summary>
    /// Null when <paramref name="redisVariable"/> is not set (the caller keeps its own cache). Otherwise a
    /// <see cref="HybridResponseCache"/>: with Redis behind memory when the variable holds a usable connection
    /// string, else memory only, after telling <paramref name="notice"/> why. A Redis that is down is not an
    /// error here either: it is noticed on first use, reported once, and tried again later.
    /// </summary>
    public static HybridResponseCache? Create(
        string? redisVariable,
        int maxEntries,
        Func<string, string?> environment,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory,
        Action<string> notice)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(notice);
        if (string.IsNullOrWhiteSpace(redisVariable))
        {
            return null;
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider);
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IMemoryCache>(new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, maxEntries) }));
        var redis = Connect(redisVariable.Trim(), environment, notice);
        if (redis is not null)
        {
            var resilient = new ResilientDistributedCache(redis, timeProvider, loggerFactory.CreateLogger("CodeAssist.Features.Caching"));
            resilient.Unavailable += notice;
            services.AddSingleton(redis);
            services.AddSingleton<IDistributedCache>(resilient);
        }

        services.AddHybridCache(options => options.MaximumPayloadBytes = 1024 * 1024);
        var provider = services.BuildServiceProvider();
        return new HybridResponseCache(provider.GetRequiredService<HybridCache>(), provider, shared: redis is not null);
    }

    private static RedisCache? Connect(string variable, Func<string, string?> environment, Action<string> notice)
    {
        var connection = environment(variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            notice($"`cache.redis` names the environment variable {variable}, which is not set: answers are cached in memory only.");
            return null;
        }

        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(connection);
        }
        catch (ArgumentException)
        {
            // The text may hold a password, so it is not repeated.
            notice($"The Redis connection string in {variable} is not valid: answers are cached in memory only.");
            return null;
        }

        // Never wait for Redis: fail fast while it is down (the client keeps reconnecting in the background).
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 2000;
        configuration.AsyncTimeout = 2000;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return new RedisCache(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions { ConfigurationOptions = configuration, InstanceName = KeyPrefix }));
    }
}
