using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Remote;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.Ollama;

/// <summary>IChatClient over Ollama's /api/chat with NDJSON streaming and keep_alive.</summary>
internal sealed class OllamaChatClient : IChatClient
{
    private readonly ModelHttpTransport _transport;
    private readonly ChatClientMetadata _metadata;

    public OllamaChatClient(ModelHttpTransport transport)
    {
        _transport = transport;
        _metadata = new ChatClientMetadata("ollama", transport.Root, transport.Options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var wireMessages = ChatWire.Messages(messages, options);
        var model = options?.ModelId ?? _transport.Options.Model;
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = wireMessages,
            ["stream"] = true,
            ["keep_alive"] = _transport.Options.KeepAlive,
            ["options"] = OllamaWire.ModelOptions(_transport.Options, options?.MaxOutputTokens, options?.Temperature, options?.StopSequences),
        };
        if (options?.Seed is { } seed)
        {
            body["options"]!["seed"] = seed;
        }

        if (ChatWire.OllamaFormat(options) is { } format)
        {
            body["format"] = format;
        }

        var chunks = StreamedCompletion.RunAsync(
            _transport, "api/chat", body, serverSentEvents: false, OllamaWire.ParseChat, timeLimit: null, ChatWire.EstimatePromptTokens(wireMessages), cancellationToken);
        return ChatWire.ToUpdatesAsync(chunks, model, cancellationToken);
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
}
