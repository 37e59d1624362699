using CodeAssist.Features.Caching;
using CodeAssist.Features.Configuration;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The answer cache of a one-shot command: the team's shared cache (memory, then Redis) when <c>cache.redis</c> is
/// set, else the per-user disk cache, so separate runs share answers either way.
/// </summary>
internal static class CliResponseCache
{
    public static IResponseCache Create(CliEnvironment environment, string? workspaceRoot)
    {
        // Problems in the settings are reported once, by the models' loading of the same sources.
        var options = new OptionsLoader().Load(new OptionsSources { WorkspaceRoot = workspaceRoot }).Options;
        var shared = SharedResponseCache.Create(
            options.Cache.Redis,
            options.Cache.MaxEntries,
            Environment.GetEnvironmentVariable,
            environment.TimeProvider,
            loggerFactory: null,
            notice => environment.Error.WriteLine($"codeassist: {notice}"));
        return shared ?? (IResponseCache)new DiskResponseCache(environment.CacheDirectory);
    }
}
