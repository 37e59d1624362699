using CodeAssist.Llm;
using LLama;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>A loaded GGUF: the weights, the one live context, and the two faces the features use.</summary>
internal sealed class LlamaLocalModel : ILocalModel
{
    private readonly LLamaWeights _weights;

    public LlamaLocalModel(LLamaWeights weights, LlamaSession session, FimTokens? fim, ModelInfo info, TimeSpan timeLimit)
    {
        _weights = weights;
        Session = session;
        Fim = fim;
        Completion = new LlamaCompletionModel(weights, session, fim, info, timeLimit);
        Chat = new LlamaChatClient(weights, session, info, timeLimit);
    }

    public ICompletionModel Completion { get; }

    public IChatClient Chat { get; }

    internal LlamaSession Session { get; }

    internal FimTokens? Fim { get; }

    internal LLamaWeights Weights => _weights;

    public void Dispose()
    {
        Session.Dispose();
        if (Session.NativeReleased)
        {
            _weights.Dispose();
        }
    }
}
