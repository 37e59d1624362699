using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The CLI's models until the LLM layer's provider factory is merged: no model, with a status that says why.
/// FIXME(issue 4/7): switch to the LLM layer's LanguageModels (options loader + providers) once main has it.
/// </summary>
internal sealed class CliLanguageModels(ModelStatus status) : ILanguageModels
{
    public ModelStatus Status { get; } = status;

    public event EventHandler<ModelStatus>? StatusChanged
    {
        add { }
        remove { }
    }

    public static ILanguageModels Create(ModelOverrides overrides, string? workspaceRoot) =>
        new CliLanguageModels(overrides.RequiresModel
            ? new ModelStatus(ModelState.Failed, $"model providers are not available in this build (requested {overrides.Provider ?? "local"} model '{overrides.Model ?? overrides.Endpoint}')")
            : new ModelStatus(ModelState.NotConfigured, "No model configured."));

    public ICompletionModel? GetCompletionModel(string feature) => null;

    public IChatClient? GetChatClient(string feature) => null;
}
