using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.TestUtilities.Assist;

/// <summary>An <see cref="ILanguageModels"/> that hands out one chat client for every feature (or none).</summary>
public sealed class FakeLanguageModels(IChatClient? chatClient) : ILanguageModels
{
    public ModelStatus Status { get; set; } = chatClient is null
        ? new ModelStatus(ModelState.NotConfigured, "No model configured.")
        : new ModelStatus(ModelState.Ready, "Ready.");

    public event EventHandler<ModelStatus>? StatusChanged;

    public ICompletionModel? GetCompletionModel(string feature) => null;

    public IChatClient? GetChatClient(string feature) => chatClient;

    public void RaiseStatusChanged() => StatusChanged?.Invoke(this, Status);
}
