using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The models of a one-shot CLI command: the LLM layer's <see cref="LanguageModels"/> over the same settings the
/// server uses (user file, workspace .codeassist.json, environment) with the --provider/--model/--endpoint flags
/// on top. A model downloaded with `codeassist models pull` is found by it.
/// </summary>
internal static class CliLanguageModels
{
    public static ILanguageModels Create(ModelOverrides overrides, string? workspaceRoot)
    {
        var commandLine = new Dictionary<string, string>(StringComparer.Ordinal);
        if (overrides.Provider is { } provider)
        {
            commandLine["provider"] = provider;
        }
        else if (!string.IsNullOrEmpty(overrides.Endpoint))
        {
            // An endpoint alone means a remote OpenAI-compatible server; a local provider has no endpoint.
            commandLine["provider"] = "openai";
        }

        if (overrides.Model is { } model)
        {
            commandLine["model"] = model;
        }

        if (overrides.Endpoint is { } endpoint)
        {
            commandLine["endpoint"] = endpoint;
        }

        var loaded = CliSettings.Load(workspaceRoot, commandLine);
        foreach (var problem in loaded.Problems)
        {
            Console.Error.WriteLine($"codeassist: {problem}");
        }

        return new LanguageModels(loaded.Options.ToLanguageModelSettings(), localModelFactory: new LlamaSharpModelFactory());
    }
}
