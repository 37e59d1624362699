using CodeAssist.Context;
using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>The model's own tokenizer as the context collector's counter, so the context budget is counted once, as the model counts it.</summary>
internal sealed class ModelTokenCounter(ICompletionModel model) : ITokenCounter
{
    public int CountTokens(string text) => model.CountTokens(text);
}
