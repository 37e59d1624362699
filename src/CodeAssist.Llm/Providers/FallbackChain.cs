using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// What the chat and completion chains share: the ready providers in order, and the one streaming loop that sends a
/// request to the first of them and hands it to the next on a failure before the first streamed piece. Once a piece
/// has reached the caller the answer belongs to that provider, so a later failure is the caller's (mixing two
/// models' halves would be worse).
/// </summary>
internal abstract class FallbackChain<TClient>
{
    protected FallbackChain(IReadOnlyList<ChainMember<TClient>> members, ILogger logger)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("A chain needs at least one provider.", nameof(members));
        }

        Members = members;
        Logger = logger;
    }

    protected IReadOnlyList<ChainMember<TClient>> Members { get; }

    protected ILogger Logger { get; }

    /// <summary>Logs that <paramref name="provider"/> failed and the request moves on to <paramref name="next"/>.</summary>
    protected abstract void LogFallback(string provider, string reason, string next);

    /// <summary>The pieces of the first provider that answers, each with the index of that provider in the chain.</summary>
    protected async IAsyncEnumerable<(TItem Item, int Index)> FirstAnsweringAsync<TItem>(
        Func<TClient, IAsyncEnumerable<TItem>> start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var index = 0; index < Members.Count; index++)
        {
            var member = Members[index];
            var enumerator = start(member.Client).GetAsyncEnumerator(cancellationToken);
            try
            {
                bool hasFirst;
                try
                {
                    hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (index < Members.Count - 1 && FallbackPolicy.ShouldTryNext(exception, cancellationToken))
                {
                    LogFallback(member.Name, FallbackPolicy.Describe(exception), Members[index + 1].Name);
                    continue;
                }

                for (var more = hasFirst; more; more = await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return (enumerator.Current, index);
                }

                yield break;
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
