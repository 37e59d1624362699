using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The models of a one-shot CLI command: the LLM layer's <see cref="LanguageModels"/> over the same settings the
/// server uses (user file, workspace .codeassist.json, environment) with the --provider/--model/--endpoint flags
/// on top. A model downloaded with `codeassist models pull` is found by it. Problems in the settings are reported
/// by <see cref="AssistSession.Create"/>, which loads the same settings.
/// </summary>
internal static class CliLanguageModels
{
    public static ILanguageModels Create(ModelOverrides overrides, string? workspaceRoot) =>
        new LanguageModels(
            CliSettings.Load(workspaceRoot, overrides.ToCommandLine()).Options.ToLanguageModelSettings(),
            localModelFactory: new LlamaSharpModelFactory());
}
