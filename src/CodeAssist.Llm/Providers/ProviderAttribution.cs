using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// How a provider chain tells the features who answered: two entries in the additional properties of every
/// streamed update and response, so the Microsoft.Extensions.AI contracts stay unchanged.
/// </summary>
public static class ProviderAttribution
{
    /// <summary>The name of the provider that answered ("team", "local").</summary>
    public const string ProviderKey = "codeAssist.provider";

    /// <summary>True when an earlier provider of the chain failed, so the answer is not the primary model's.</summary>
    public const string FallbackKey = "codeAssist.fallback";

    public static string? ProviderOf(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(ProviderKey, out var value) == true ? value as string : null;

    public static bool IsFallback(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(FallbackKey, out var value) == true && value is true;

    internal static AdditionalPropertiesDictionary Stamp(AdditionalPropertiesDictionary? properties, string provider, bool fallback)
    {
        properties ??= [];
        properties[ProviderKey] = provider;
        properties[FallbackKey] = fallback;
        return properties;
    }
}
