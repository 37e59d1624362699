namespace CodeAssist.Llm.Redaction;

/// <summary>
/// The last line of defence for infill and raw completion: every request to a remote completion model goes through
/// <see cref="RequestRedaction"/>, whichever feature built it, so a new prompt path cannot skip redaction.
/// The features already cut their document windows from redacted text; this catches everything else (context
/// snippets, facts, pasted text).
/// </summary>
internal sealed class RedactingCompletionModel : ICompletionModel
{
    private readonly ICompletionModel _inner;

    public RedactingCompletionModel(ICompletionModel inner)
    {
        _inner = inner;
    }

    public ModelInfo Info => _inner.Info;

    public ModelThroughput? Throughput => _inner.Throughput;

    public int CountTokens(string text) => _inner.CountTokens(text);

    public IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken) =>
        _inner.InfillAsync(RequestRedaction.Redact(request), cancellationToken);

    public bool CanPrefill => _inner.CanPrefill;

    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) =>
        _inner.PrefillAsync(RequestRedaction.Redact(head), cancellationToken);

    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken) =>
        _inner.PrefillPromptAsync(RequestRedaction.Redact(prompt), cancellationToken);

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        _inner.CompleteAsync(RequestRedaction.Redact(request), cancellationToken);
}
