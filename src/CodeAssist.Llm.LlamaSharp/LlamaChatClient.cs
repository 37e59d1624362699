using System.Runtime.CompilerServices;
using System.Text;
using CodeAssist.Llm;
using CodeAssist.Llm.Chat;
using LLama;
using LLama.Native;
using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// IChatClient over the GGUF's own tokenizer.chat_template, applied by llama.cpp (LLamaTemplate), on the same
/// session as completion. LLamaSharp's AsChatClient() formats "User:/Assistant:" text instead, which instruct
/// models were not trained on.
/// </summary>
internal sealed class LlamaChatClient : IChatClient
{
    private const int DefaultMaxOutputTokens = 512;
    private readonly LLamaWeights _weights;
    private readonly LlamaSession _session;
    private readonly ModelInfo _info;
    private readonly TimeSpan _timeLimit;

    public LlamaChatClient(LLamaWeights weights, LlamaSession session, ModelInfo info, TimeSpan timeLimit)
    {
        _weights = weights;
        _session = session;
        _info = info;
        _timeLimit = timeLimit;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        CompletionUsage? usage = null;
        await foreach ((string? piece, CompletionUsage? final) in StreamAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            text.Append(piece);
            usage ??= final;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()))
        {
            ModelId = _info.ModelId,
            FinishReason = Finish(usage),
            Usage = Usage(usage),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach ((string? piece, CompletionUsage? usage) in StreamAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate(ChatRole.Assistant, piece ?? "") { ModelId = _info.ModelId };
            if (usage is not null)
            {
                update.FinishReason = Finish(usage);
                update.Contents.Add(new UsageContent(Usage(usage)!));
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("llamasharp", providerUri: null, _info.ModelId);
        }

        if (serviceType == typeof(ChatContextWindow))
        {
            // Counted exactly as StreamAsync counts, so a prompt fitted to this window is never refused.
            return new ChatContextWindow(
                _session.ContextSize,
                messages => _weights.Tokenize(FormatPrompt(messages), _weights.Vocab.ShouldAddBOS, special: true, Encoding.UTF8).Length);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The session belongs to the local model, which disposes it.
    }

    /// <summary>Applies the chat template; exposed for tests that check the exact prompt.</summary>
    internal string FormatPrompt(IEnumerable<ChatMessage> messages)
    {
        var template = new LLamaTemplate(_weights) { AddAssistant = true };
        foreach (ChatMessage message in messages)
        {
            template.Add(message.Role.Value, message.Text);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }

    private IAsyncEnumerable<(string? Text, CompletionUsage? Usage)> StreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int maxTokens = Math.Clamp(options?.MaxOutputTokens ?? DefaultMaxOutputTokens, 1, Math.Max(1, _session.ContextSize / 2));

        // The template's markers (<|im_start|>...) must become special tokens, so the formatted prompt is parsed with
        // special tokens on, as llama.cpp's own chat does.
        LLamaToken[] tokens = _weights.Tokenize(FormatPrompt(messages), _weights.Vocab.ShouldAddBOS, special: true, Encoding.UTF8);
        int budget = _session.ContextSize - maxTokens - 1;
        if (tokens.Length > budget)
        {
            throw new ArgumentException($"The conversation has {tokens.Length} tokens; this model's context holds {budget} besides the answer.", nameof(messages));
        }

        var request = new GenerationRequest(
            tokens,
            maxTokens,
            options?.StopSequences?.ToArray() ?? [],
            options?.Temperature ?? 0f,
            (uint)(options?.Seed ?? 1234),
            _timeLimit);
        return SessionStream.RunAsync(_session, request, cancellationToken);
    }

    private static ChatFinishReason? Finish(CompletionUsage? usage) => usage?.FinishReason switch
    {
        CompletionFinishReason.Stop => ChatFinishReason.Stop,
        CompletionFinishReason.Length or CompletionFinishReason.TimeLimit => ChatFinishReason.Length,
        _ => null,
    };

    private static UsageDetails? Usage(CompletionUsage? usage) => usage is null
        ? null
        : new UsageDetails { InputTokenCount = usage.PromptTokens, OutputTokenCount = usage.GeneratedTokens, TotalTokenCount = usage.PromptTokens + usage.GeneratedTokens };
}
