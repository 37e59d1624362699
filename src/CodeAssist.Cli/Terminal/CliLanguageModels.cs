using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The models of a one-shot CLI command: the LLM layer's <see cref="LanguageModels"/> over the settings with the
/// --provider/--model/--endpoint flags applied (a model downloaded with `codeassist models pull` is found by it).
/// FIXME(issue 4/7): read the user and workspace settings files once the options loader is merged.
/// </summary>
internal static class CliLanguageModels
{
    public static ILanguageModels Create(ModelOverrides overrides, string? workspaceRoot)
    {
        var defaults = new CodeAssistOptions();
        var options = defaults with
        {
            // An endpoint alone means a remote OpenAI-compatible server; a local provider has no endpoint.
            Provider = overrides.Provider ?? (string.IsNullOrEmpty(overrides.Endpoint) ? defaults.Provider : "openai"),
            Model = overrides.Model ?? defaults.Model,
            Endpoint = overrides.Endpoint ?? defaults.Endpoint,
        };
        var settings = new LanguageModelSettings
        {
            Default = options.ToLlmOptions("explain"),
            Features = LanguageModelSettings.KnownFeatures.ToDictionary(f => f, options.ToLlmOptions),
        };
        return new LanguageModels(settings, localModelFactory: new LlamaSharpModelFactory());
    }
}
