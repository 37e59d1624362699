using CodeAssist.Features.Caching;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Providers;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Common;

/// <summary>
/// Runs one chat request: looks the prompt up in the cache, otherwise streams the model's answer, hiding reasoning,
/// and stores the raw answer. <paramref name="partialText"/> is called synchronously, in order, for each visible piece.
/// </summary>
internal static class ChatRunner
{
    public static string ModelIdOf(IChatClient client) =>
        client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown-model";

    public static async Task<ModelAnswer> RunAsync(
        IChatClient client,
        IReadOnlyList<ChatMessage> messages,
        IResponseCache? cache,
        IProgress<string>? partialText,
        int maxOutputTokens,
        CancellationToken cancellationToken)
    {
        var modelId = ModelIdOf(client);
        var options = new ChatOptions { MaxOutputTokens = maxOutputTokens, Temperature = 0.2f };
        var key = ResponseCacheKey.Create(modelId, messages, $"max={maxOutputTokens};t={options.Temperature}");
        if (cache is not null && await cache.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            var answer = ReasoningFilter.RemoveAll(cached).TrimStart();
            partialText?.Report(answer);
            return new ModelAnswer(answer, modelId, FromCache: true);
        }

        var raw = new System.Text.StringBuilder();
        var visible = new System.Text.StringBuilder();
        var filter = new ReasoningFilter();
        string? provider = null;
        var fallback = false;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                var text = update.Text;
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                provider ??= ProviderAttribution.ProviderOf(update.AdditionalProperties);
                fallback |= ProviderAttribution.IsFallback(update.AdditionalProperties);
                raw.Append(text);
                Emit(filter.Push(text));
            }
        }
        catch (ModelRequestException exception) when (visible.Length > 0)
        {
            // The stream was cut after part of the answer was shown: the result is what was shown plus a notice (so the
            // streamed pieces still add up to it), and a partial answer is never cached.
            Emit(filter.Flush());
            Emit($"\n\n> The answer is incomplete: {exception.Message}\n");
            return new ModelAnswer(visible.ToString(), modelId, FromCache: false, provider, Complete: false);
        }

        Emit(filter.Flush());
        // An empty answer is never cached: served later, it would hide a server that has recovered. The key names the
        // chain's first model; an answer from a later provider is not that model's, so it is not stored either.
        if (cache is not null && visible.Length > 0 && !fallback)
        {
            await cache.SetAsync(key, raw.ToString(), cancellationToken).ConfigureAwait(false);
        }

        // Not trimmed: the streamed pieces must add up to exactly the returned text.
        return new ModelAnswer(visible.ToString(), modelId, FromCache: false, provider);

        void Emit(string piece)
        {
            // Leading whitespace left after a removed reasoning block is noise in a terminal.
            if (visible.Length == 0)
            {
                piece = piece.TrimStart();
            }

            if (piece.Length > 0)
            {
                visible.Append(piece);
                partialText?.Report(piece);
            }
        }
    }
}
