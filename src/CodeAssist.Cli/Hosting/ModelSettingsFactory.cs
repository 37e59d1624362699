using CodeAssist.Features.Configuration;
using CodeAssist.Llm;

namespace CodeAssist.Cli.Hosting;

/// <summary>The models' settings from the options: the defaults, and each feature whose override differs.</summary>
internal static class ModelSettingsFactory
{
    public static LanguageModelSettings From(CodeAssistOptions options)
    {
        var defaults = options.ToLlmOptions("default");
        var features = new Dictionary<string, LlmOptions>(StringComparer.Ordinal);
        foreach (var feature in LanguageModelSettings.KnownFeatures.Concat(options.Features.Keys).Distinct())
        {
            var resolved = options.ToLlmOptions(feature);
            if (resolved != defaults)
            {
                features[feature] = resolved;
            }
        }

        return new LanguageModelSettings { Default = defaults, Features = features };
    }
}
