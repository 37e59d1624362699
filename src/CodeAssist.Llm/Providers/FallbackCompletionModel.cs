using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// A completion chain: infill goes to the first provider, and a failure before its first chunk hands the request
/// to the next. Requests are structured (prefix, suffix, context), so each model formats them with its own FIM
/// template. When the last provider fails too the error reaches the completion feature, which answers as it
/// does without a model (Roslyn's list in editors, nothing as ghost text).
/// </summary>
internal sealed partial class FallbackCompletionModel : ICompletionModel
{
    private readonly IReadOnlyList<ChainMember<ICompletionModel>> _members;
    private readonly ILogger _logger;

    public FallbackCompletionModel(IReadOnlyList<ChainMember<ICompletionModel>> members, ILogger logger)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("A chain needs at least one provider.", nameof(members));
        }

        _members = members;
        _logger = logger;
    }

    /// <summary>The first provider's: prompts are sized with its tokenizer and its id keys the completion cache.</summary>
    public ModelInfo Info => _members[0].Client.Info;

    public ModelThroughput? Throughput => _members[0].Client.Throughput;

    public int CountTokens(string text) => _members[0].Client.CountTokens(text);

    public IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken) =>
        FirstAnsweringAsync(model => model.InfillAsync(request, cancellationToken), cancellationToken);

    public bool CanPrefill => _members[0].Client.CanPrefill;

    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) =>
        _members[0].Client.PrefillAsync(head, cancellationToken);

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        FirstAnsweringAsync(model => model.CompleteAsync(request, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<CompletionChunk> FirstAnsweringAsync(
        Func<ICompletionModel, IAsyncEnumerable<CompletionChunk>> start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var index = 0; index < _members.Count; index++)
        {
            var member = _members[index];
            var enumerator = start(member.Client).GetAsyncEnumerator(cancellationToken);
            try
            {
                bool hasFirst;
                try
                {
                    hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (index < _members.Count - 1 && FallbackPolicy.ShouldTryNext(exception, cancellationToken))
                {
                    LogFallback(_logger, member.Name, FallbackPolicy.Describe(exception), _members[index + 1].Name);
                    continue;
                }

                for (var more = hasFirst; more; more = await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return enumerator.Current;
                }

                yield break;
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "completion provider {Provider} failed ({Reason}); trying {Next}")]
    private static partial void LogFallback(ILogger logger, string provider, string reason, string next);
}
