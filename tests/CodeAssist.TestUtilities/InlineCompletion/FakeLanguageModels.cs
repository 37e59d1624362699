using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.TestUtilities.InlineCompletion;

/// <summary>Serves one completion model (or none, for the Roslyn-only path) and no chat client.</summary>
public sealed class FakeLanguageModels : ILanguageModels
{
    private readonly ICompletionModel? completion;

    public FakeLanguageModels(ICompletionModel? completion)
    {
        this.completion = completion;
        Status = completion is null
            ? new ModelStatus(ModelState.NotConfigured, "No model configured.")
            : new ModelStatus(ModelState.Ready, "Ready.", completion.Info);
    }

    public ModelStatus Status { get; }

    public event EventHandler<ModelStatus>? StatusChanged
    {
        add { }
        remove { }
    }

    public ICompletionModel? GetCompletionModel(string feature) => completion;

    public IChatClient? GetChatClient(string feature) => null;
}
