using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// A completion chain: infill goes to the first provider, and a failure before its first chunk hands the request
/// to the next. Requests are structured (prefix, suffix, context), so each model formats them with its own FIM
/// template. When the last provider fails too the error reaches the completion feature, which answers as it
/// does without a model (Roslyn's list in editors, nothing as ghost text).
/// </summary>
internal sealed partial class FallbackCompletionModel(IReadOnlyList<ChainMember<ICompletionModel>> members, ILogger logger)
    : FallbackChain<ICompletionModel>(members, logger), ICompletionModel
{
    /// <summary>The first provider's: prompts are sized with its tokenizer and its id keys the completion cache.</summary>
    public ModelInfo Info => Members[0].Client.Info;

    public ModelThroughput? Throughput => Members[0].Client.Throughput;

    public int CountTokens(string text) => Members[0].Client.CountTokens(text);

    public IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken) =>
        ChunksAsync(model => model.InfillAsync(request, cancellationToken), cancellationToken);

    public bool CanPrefill => Members[0].Client.CanPrefill;

    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) =>
        Members[0].Client.PrefillAsync(head, cancellationToken);

    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken) =>
        Members[0].Client.PrefillPromptAsync(prompt, cancellationToken);

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        ChunksAsync(model => model.CompleteAsync(request, cancellationToken), cancellationToken);

    protected override void LogFallback(string provider, string reason, string next) => LogProviderFailed(Logger, provider, reason, next);

    private async IAsyncEnumerable<CompletionChunk> ChunksAsync(
        Func<ICompletionModel, IAsyncEnumerable<CompletionChunk>> start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (chunk, _) in FirstAnsweringAsync(start, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "completion provider {Provider} failed ({Reason}); trying {Next}")]
    private static partial void LogProviderFailed(ILogger logger, string provider, string reason, string next);
}
