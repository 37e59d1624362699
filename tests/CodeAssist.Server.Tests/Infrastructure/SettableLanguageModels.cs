using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.Server.Tests.Infrastructure;

/// <summary>Language models whose status a test sets, to drive codeAssist/status; no model behind them.</summary>
internal sealed class SettableLanguageModels : ILanguageModels
{
    public ModelStatus Status { get; private set; } = new(ModelState.NotConfigured, "No model: run `codeassist models pull`.");

    public event EventHandler<ModelStatus>? StatusChanged;

    public void Set(ModelStatus status)
    {
        Status = status;
        StatusChanged?.Invoke(this, status);
    }

    public ICompletionModel? GetCompletionModel(string feature) => null;

    public IChatClient? GetChatClient(string feature) => null;
}
