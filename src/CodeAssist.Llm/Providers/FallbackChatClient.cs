using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// A feature's provider chain as one <see cref="IChatClient"/>: each request goes to the first provider, and a
/// failure before the first streamed piece hands it to the next (<see cref="FallbackChain{TClient}"/>).
/// Every update and response names the provider that wrote it (<see cref="ProviderAttribution"/>).
/// </summary>
internal sealed partial class FallbackChatClient(IReadOnlyList<ChainMember<IChatClient>> members, ILogger logger)
    : FallbackChain<IChatClient>(members, logger), IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        for (var index = 0; ; index++)
        {
            var member = Members[index];
            try
            {
                var response = await member.Client.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
                response.AdditionalProperties = ProviderAttribution.Stamp(response.AdditionalProperties, member.Name, index > 0);
                return response;
            }
            catch (Exception exception) when (index < Members.Count - 1 && FallbackPolicy.ShouldTryNext(exception, cancellationToken))
            {
                LogFallback(member.Name, FallbackPolicy.Describe(exception), Members[index + 1].Name);
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversation = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var updates = FirstAnsweringAsync(client => client.GetStreamingResponseAsync(conversation, options, cancellationToken), cancellationToken);
        await foreach (var (update, index) in updates.ConfigureAwait(false))
        {
            update.AdditionalProperties = ProviderAttribution.Stamp(update.AdditionalProperties, Members[index].Name, index > 0);
            yield return update;
        }
    }

    /// <summary>Metadata and services of the first provider: the one whose model id keys the response cache.</summary>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(FallbackChatClient) ? this : Members[0].Client.GetService(serviceType, serviceKey);

    // The clients belong to their providers, which outlive any one chain.
    public void Dispose()
    {
    }

    protected override void LogFallback(string provider, string reason, string next) => LogProviderFailed(Logger, provider, reason, next);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "provider {Provider} failed ({Reason}); trying {Next}")]
    private static partial void LogProviderFailed(ILogger logger, string provider, string reason, string next);
}
