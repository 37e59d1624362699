using CodeAssist.Llm;
using CodeAssist.Llm.Providers;

namespace CodeAssist.Features.Configuration;

/// <summary>Turns a feature's list of provider names into the resolved settings of each link.</summary>
internal static class ProviderChains
{
    /// <summary>
    /// Each name is looked up in <c>providers</c>. Two names work without an entry: <c>local</c> (the local model of
    /// the top-level settings, or the newest downloaded one) and <c>default</c> (the top-level provider). Any
    /// other unknown name stays in the chain as a provider that reports the mistake in the status.
    /// </summary>
    public static IReadOnlyList<ChainedProvider> Resolve(CodeAssistOptions options, IReadOnlyList<string> names)
    {
        var defaults = options.ToLlmOptions("");
        var links = new List<ChainedProvider>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            links.Add(new ChainedProvider(name, Find(options, name) is { } named ? Apply(defaults, named) : Implicit(options, defaults, name)));
        }

        return links;
    }

    private static NamedProviderOptions? Find(CodeAssistOptions options, string name) =>
        options.Providers.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static LlmOptions Apply(LlmOptions defaults, NamedProviderOptions named) => defaults with
    {
        Provider = !string.IsNullOrWhiteSpace(named.Provider) ? named.Provider : string.IsNullOrWhiteSpace(named.Endpoint) ? "local" : "openai",
        Model = named.Model ?? "",
        Endpoint = named.Endpoint ?? "",
        ApiKeyEnvironmentVariable = named.ApiKeyEnvironmentVariable ?? defaults.ApiKeyEnvironmentVariable,
        Headers = HeaderOptions.ToRequestHeaders(named.Headers),
    };

    private static LlmOptions Implicit(CodeAssistOptions options, LlmOptions defaults, string name) => name.ToLowerInvariant() switch
    {
        "default" => defaults,
        "local" => defaults with
        {
            Provider = "local",
            Model = string.Equals(options.Provider, "local", StringComparison.OrdinalIgnoreCase) ? options.Model : "",
            Endpoint = "",
            Headers = RequestHeaders.None,
        },
        _ => defaults with { Provider = name, Endpoint = "", Headers = RequestHeaders.None },
    };
}
