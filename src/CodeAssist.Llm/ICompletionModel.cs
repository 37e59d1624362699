namespace CodeAssist.Llm;

/// <summary>
/// Infill and raw completion, which IChatClient does not cover. Every call takes a token that really stops
/// generation (local: abort the decode; remote: close the stream).
/// </summary>
public interface ICompletionModel
{
    ModelInfo Info { get; }

    IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken);

    /// <summary>Measured speed on this machine, or null when the provider does not know it (most remote models).</summary>
    ModelThroughput? Throughput => null;

    /// <summary>
    /// Evaluates the stable head of a future infill prompt ahead of time, at low priority: everything of
    /// <paramref name="head"/>'s layout before the volatile part (context, file path and prefix, up to the suffix
    /// marker). A foreground call pre-empts it between chunks; the finished chunks are kept. Providers without a
    /// prompt cache answer <see cref="PrefillResult.Unsupported"/>.
    /// </summary>
    /// <summary>Whether <see cref="PrefillAsync"/> can fill a cache (callers skip building heads otherwise).</summary>
    bool CanPrefill => false;

    Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) => Task.FromResult(PrefillResult.Unsupported);

    /// <summary>
    /// Evaluates the whole prompt of <paramref name="prompt"/> ahead of time, in the same way and at the same low
    /// priority as <see cref="PrefillAsync"/>: the caret rests, and the next keystroke's prompt is this one with what
    /// it types appended (the line being typed comes last in the layout), so that request only evaluates those tokens.
    /// Providers without a prompt cache answer <see cref="PrefillResult.Unsupported"/>.
    /// </summary>
    Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken) => Task.FromResult(PrefillResult.Unsupported);

    /// <summary>Counts tokens with the model's own tokenizer (an estimate for remote models that do not expose one).</summary>
    int CountTokens(string text);
}
