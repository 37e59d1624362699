using System.Runtime.CompilerServices;
using CodeAssist.Llm.Chat;
using Microsoft.Extensions.AI;

namespace CodeAssist.TestUtilities;

/// <summary>
/// A scripted chat model: each request is answered by <see cref="Respond"/> (default: the queued answers in order),
/// streamed in small chunks so callers see real streaming. Every request is recorded for assertions.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly Queue<string> _answers = new();
    private readonly List<IReadOnlyList<ChatMessage>> _requests = [];
    private readonly Lock _gate = new();

    public FakeChatClient(params string[] answers)
    {
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }

        Respond = _ => _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException("FakeChatClient: no scripted answer left.");
    }

    public string ModelId { get; init; } = "fake-model";

    /// <summary>Characters per streamed chunk.</summary>
    public int ChunkSize { get; init; } = 7;

    public Func<IReadOnlyList<ChatMessage>, string> Respond { get; set; }

    /// <summary>
    /// The context window this model reports (null: it reports none). When set, a request whose prompt and answer
    /// reservation exceed it is refused as the local model refuses it.
    /// </summary>
    public ChatContextWindow? Window { get; init; }

    public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The user message text of the last request.</summary>
    public string LastUserText => Requests[^1].Last(m => m.Role == ChatRole.User).Text;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = string.Concat(await Collect(GetStreamingResponseAsync(messages, options, cancellationToken)).ConfigureAwait(false));
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = ModelId };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        if (Window is { } window && window.CountPromptTokens(list) > window.ContextLength - (options?.MaxOutputTokens ?? 0) - 1)
        {
            throw new ArgumentException($"FakeChatClient: the conversation has {window.CountPromptTokens(list)} tokens; the context is {window.ContextLength}.", nameof(messages));
        }

        string answer;
        lock (_gate)
        {
            _requests.Add(list);
            answer = Respond(list);
        }

        for (var i = 0; i < answer.Length; i += ChunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, answer.Substring(i, Math.Min(ChunkSize, answer.Length - i))) { ModelId = ModelId };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, ModelId)
        : serviceType == typeof(ChatContextWindow) ? Window
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static async Task<List<string>> Collect(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var texts = new List<string>();
        await foreach (var update in updates.ConfigureAwait(false))
        {
            texts.Add(update.Text);
        }

        return texts;
    }
}
