using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.TestUtilities;

/// <summary>
/// An <see cref="ILanguageModels"/> that hands one completion model or one chat client to every feature (or nothing:
/// the Roslyn-only path). The status is settable, and <see cref="RaiseStatusChanged"/> tells subscribers.
/// </summary>
public sealed class FakeLanguageModels : ILanguageModels
{
    private readonly ICompletionModel? _completion;
    private readonly IChatClient? _chatClient;

    public FakeLanguageModels(ICompletionModel? completion)
    {
        _completion = completion;
        Status = completion is null ? NotConfigured : new ModelStatus(ModelState.Ready, "Ready.", completion.Info);
    }

    public FakeLanguageModels(IChatClient? chatClient)
    {
        _chatClient = chatClient;
        Status = chatClient is null ? NotConfigured : new ModelStatus(ModelState.Ready, "Ready.");
    }

    public event EventHandler<ModelStatus>? StatusChanged;

    public ModelStatus Status { get; set; }

    private static ModelStatus NotConfigured => new(ModelState.NotConfigured, "No model configured.");

    public ICompletionModel? GetCompletionModel(string feature) => _completion;

    public IChatClient? GetChatClient(string feature) => _chatClient;

    public void RaiseStatusChanged() => StatusChanged?.Invoke(this, Status);
}
