using CodeAssist.Features.Configuration;
using CodeAssist.Llm.Providers;
using Xunit;

namespace CodeAssist.Features.Tests.Configuration;

/// <summary>Named providers, per-feature chains, request headers and remote.allowed, through the real settings loader.</summary>
public sealed class ProviderSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("codeassist-providers-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LoadedOptions Load(string userJson)
    {
        var path = Path.Combine(_root, "settings.json");
        File.WriteAllText(path, userJson);
        return new OptionsLoader(_ => null).Load(new OptionsSources { UserSettingsPath = path });
    }

    [Fact]
    public void Chain_ResolvesNamedProvidersAndTheImplicitLocalOne_InOrder()
    {
        var loaded = Load("""
            {
              "model": "/models/small.gguf",
              "requestTimeoutSeconds": 7,
              "providers": {
                "team": { "provider": "openai", "endpoint": "http://gpu.lan:8080", "model": "qwen-7b",
                          "headers": { "api-key": { "env": "TEAM_KEY" }, "X-Title": { "value": "CodeAssist" } } },
                "cloud": { "endpoint": "https://openrouter.ai/api/v1", "apiKeyEnvironmentVariable": "OPENROUTER_API_KEY" }
              },
              "features": { "explain": { "providers": ["team", "cloud", "local"] } }
            }
            """);

        Assert.Empty(loaded.Problems);
        var settings = loaded.Options.ToLanguageModelSettings();
        var chain = settings.Chains["explain"];
        Assert.Equal(["team", "cloud", "local"], chain.Select(c => c.Name));
        Assert.Equal(("openai", "http://gpu.lan:8080", "qwen-7b"), (chain[0].Options.Provider, chain[0].Options.Endpoint, chain[0].Options.Model));
        Assert.Equal(TimeSpan.FromSeconds(7), chain[0].Options.RequestTimeout);
        Assert.Equal(
            [new RequestHeader("api-key", null, "TEAM_KEY"), new RequestHeader("X-Title", "CodeAssist", null)],
            chain[0].Options.Headers.Items);
        Assert.Equal(("openai", "OPENROUTER_API_KEY"), (chain[1].Options.Provider, chain[1].Options.ApiKeyEnvironmentVariable));
        Assert.Equal(("local", "/models/small.gguf"), (chain[2].Options.Provider, chain[2].Options.Model));
        Assert.False(settings.Chains.ContainsKey("completion"));
    }

    [Fact]
    public void RemoteAllowedFalse_ReachesEveryProvider()
    {
        var loaded = Load("""
            { "provider": "openai", "endpoint": "http://gpu.lan:8080", "remote": { "allowed": false },
              "providers": { "team": { "provider": "openai", "endpoint": "http://gpu.lan:8080" } },
              "features": { "fix": { "providers": ["team", "local"] } } }
            """);

        var settings = loaded.Options.ToLanguageModelSettings();

        Assert.False(settings.Default.RemoteAllowed);
        Assert.All(settings.Chains["fix"], link => Assert.False(link.Options.RemoteAllowed));
    }

    [Fact]
    public void TopLevelHeaders_ApplyToTheTopLevelProvider()
    {
        var loaded = Load("""{ "provider": "openai", "endpoint": "https://x.openai.azure.com/openai/v1", "headers": { "api-key": { "env": "AZURE_OPENAI_KEY" } } }""");

        Assert.Empty(loaded.Problems);
        Assert.Equal([new RequestHeader("api-key", null, "AZURE_OPENAI_KEY")], loaded.Options.ToLanguageModelSettings().Default.Headers.Items);
    }

    [Theory]
    [InlineData("""{ "headers": { "api-key": "plain-secret" } }""", "headers")]
    [InlineData("""{ "headers": { "api-key": { "env": "not a name" } } }""", "headers")]
    [InlineData("""{ "providers": { "team": { "provider": "gemini" } } }""", "providers.team.provider")]
    [InlineData("""{ "providers": { "team": { "endpoint": "ftp://x" } } }""", "providers.team.endpoint")]
    [InlineData("""{ "features": { "explain": { "providers": "team" } } }""", "features.explain.providers")]
    [InlineData("""{ "cache": { "redis": "redis://user:pw@host" } }""", "cache.redis")]
    public void InvalidValues_AreReportedByName_AndSkipped(string json, string setting)
    {
        var loaded = Load(json);

        var problem = Assert.Single(loaded.Problems);
        Assert.Contains($"`{setting}`", problem, StringComparison.Ordinal);
        Assert.Empty(loaded.Options.ToLanguageModelSettings().Chains);
        Assert.Empty(loaded.Options.Headers);
    }

    [Fact]
    public void CacheRedis_NamesAnEnvironmentVariable()
    {
        var loaded = Load("""{ "cache": { "redis": "CODEASSIST_REDIS" } }""");

        Assert.Empty(loaded.Problems);
        Assert.Equal("CODEASSIST_REDIS", loaded.Options.Cache.Redis);
    }
}
