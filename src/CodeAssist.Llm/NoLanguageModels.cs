using Microsoft.Extensions.AI;

namespace CodeAssist.Llm;

/// <summary>
/// The models of a host that has none (a server composed without a model layer, a test): every feature gets no
/// model and answers from Roslyn alone. "No model" is a status, never an exception.
/// </summary>
public sealed class NoLanguageModels : ILanguageModels
{
    public ModelStatus Status { get; } = new(ModelState.NotConfigured, "No model: answers come from Roslyn alone. Add one with `codeassist models pull`.");

    // The status never changes, so there is nothing to subscribe to.
    public event EventHandler<ModelStatus>? StatusChanged
    {
        add { }
        remove { }
    }

    public ICompletionModel? GetCompletionModel(string feature) => null;

    public IChatClient? GetChatClient(string feature) => null;
}
