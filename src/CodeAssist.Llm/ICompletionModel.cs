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

    /// <summary>Counts tokens with the model's own tokenizer (an estimate for remote models that do not expose one).</summary>
    int CountTokens(string text);
}
