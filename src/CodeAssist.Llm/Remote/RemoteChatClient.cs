using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Remote;

/// <summary>
/// What every remote chat client shares: one streamed wire path (non-streaming calls aggregate the stream, so long
/// answers stay protected by the idle timeout between chunks), its metadata and its services. A provider says only
/// where it posts, how its request body looks and how it parses one streamed event.
/// </summary>
internal abstract class RemoteChatClient : IChatClient
{
    private readonly ChatClientMetadata _metadata;

    protected RemoteChatClient(ModelHttpTransport transport, string providerName)
    {
        Transport = transport;
        _metadata = new ChatClientMetadata(providerName, transport.Root, transport.Options.Model);
    }

    protected ModelHttpTransport Transport { get; }

    /// <summary>The chat endpoint, relative to the transport's root.</summary>
    protected abstract string ChatPath { get; }

    /// <summary>Whether the stream is server-sent events (else newline-delimited JSON).</summary>
    protected abstract bool ServerSentEvents { get; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var wireMessages = ChatWire.Messages(messages, options);
        var model = options?.ModelId ?? Transport.Options.Model;
        var chunks = StreamedCompletion.RunAsync(
            Transport, ChatPath, CreateBody(wireMessages, model, options), ServerSentEvents, ParseEvent, timeLimit: null, ChatWire.EstimatePromptTokens(wireMessages), cancellationToken);
        return ChatWire.ToUpdatesAsync(chunks, string.IsNullOrEmpty(model) ? Transport.DisplayEndpoint : model, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to the factory; nothing to release here.
    }

    /// <summary>The streaming request's body for these wire messages.</summary>
    protected abstract JsonObject CreateBody(JsonArray messages, string? model, ChatOptions? options);

    /// <summary>The text deltas (and usage) of one streamed event.</summary>
    protected abstract IEnumerable<CompletionDelta> ParseEvent(JsonNode node, CandidateTracker tracker);
}
