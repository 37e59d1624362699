using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.Bench.Completion;

/// <summary>The model under test as the only completion model, always ready.</summary>
internal sealed class SingleModel(ICompletionModel model) : ILanguageModels
{
    public ModelStatus Status { get; } = new(ModelState.Ready, "Ready.", model.Info);

    public event EventHandler<ModelStatus>? StatusChanged
    {
        add { }
        remove { }
    }

    public ICompletionModel? GetCompletionModel(string feature) => model;

    public IChatClient? GetChatClient(string feature) => null;
}
