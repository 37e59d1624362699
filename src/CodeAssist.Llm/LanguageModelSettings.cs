using CodeAssist.Llm.Providers;

namespace CodeAssist.Llm;

/// <summary>
/// The model settings of every feature: the defaults, and per-feature overrides (hybrid use: a small local model
/// for completion, a larger remote one for explanations). Built from CodeAssistOptions by the Features layer.
/// </summary>
public sealed record LanguageModelSettings
{
    /// <summary>The features that may have their own model.</summary>
    public static IReadOnlyList<string> KnownFeatures { get; } = ["completion", "explain", "fix", "refactor", "debug"];

    public LlmOptions Default { get; init; } = new();

    /// <summary>Resolved options of features whose settings differ from <see cref="Default"/>.</summary>
    public IReadOnlyDictionary<string, LlmOptions> Features { get; init; } = new Dictionary<string, LlmOptions>();

    /// <summary>
    /// Features with an ordered provider chain (<c>features.explain.providers: ["team", "local"]</c>): a failing
    /// provider hands the request to the next. A feature listed here ignores <see cref="Features"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ChainedProvider>> Chains { get; init; } =
        new Dictionary<string, IReadOnlyList<ChainedProvider>>();

    public LlmOptions For(string feature) => Features.TryGetValue(feature, out var options) ? options : Default;
}
