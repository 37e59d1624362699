using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// A feature's provider chain as one <see cref="IChatClient"/>: each request goes to the first provider, and a
/// failure before the first streamed piece hands it to the next. Once text has reached the caller the answer
/// belongs to that provider, so a later failure is the caller's (mixing two models' halves would be worse).
/// Every update and response names the provider that wrote it (<see cref="ProviderAttribution"/>).
/// </summary>
internal sealed partial class FallbackChatClient : IChatClient
{
    private readonly IReadOnlyList<ChainMember<IChatClient>> _members;
    private readonly ILogger _logger;

    public FallbackChatClient(IReadOnlyList<ChainMember<IChatClient>> members, ILogger logger)
    {
        if (members.Count == 0)
        {
            throw new ArgumentException("A chain needs at least one provider.", nameof(members));
        }

        _members = members;
        _logger = logger;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var index = 0; ; index++)
        {
            var member = _members[index];
            try
            {
                var response = await member.Client.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
                response.AdditionalProperties = ProviderAttribution.Stamp(response.AdditionalProperties, member.Name, index > 0);
                return response;
            }
            catch (Exception exception) when (index < _members.Count - 1 && FallbackPolicy.ShouldTryNext(exception, cancellationToken))
            {
                LogFallback(_logger, member.Name, FallbackPolicy.Describe(exception), _members[index + 1].Name);
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var index = 0; index < _members.Count; index++)
        {
            var member = _members[index];
            var enumerator = member.Client.GetStreamingResponseAsync(conversation, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                    var update = enumerator.Current;
                    update.AdditionalProperties = ProviderAttribution.Stamp(update.AdditionalProperties, member.Name, index > 0);
                    yield return update;
                }

                yield break;
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Metadata and services of the first provider: the one whose model id keys the response cache.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(FallbackChatClient) ? this : _members[0].Client.GetService(serviceType, serviceKey);

    // The clients belong to their providers, which outlive any one chain.
    public void Dispose()
    {
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "provider {Provider} failed ({Reason}); trying {Next}")]
    private static partial void LogFallback(ILogger logger, string provider, string reason, string next);
}
