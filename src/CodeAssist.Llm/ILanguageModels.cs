using Microsoft.Extensions.AI;

namespace CodeAssist.Llm;

/// <summary>
/// The features' single entry point to models. Each feature ("completion", "explain", "fix", "refactor", "debug")
/// may have its own provider and model; a null result means "no model: answer from Roslyn alone".
/// </summary>
public interface ILanguageModels
{
    ModelStatus Status { get; }

    event EventHandler<ModelStatus>? StatusChanged;

    ICompletionModel? GetCompletionModel(string feature);

    IChatClient? GetChatClient(string feature);
}
