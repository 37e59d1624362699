namespace CodeAssist.Llm.Remote;

/// <summary>An <see cref="ICompletionModel"/> decorator that feeds <see cref="RemoteHealth"/>.</summary>
internal sealed class HealthReportingCompletionModel : ICompletionModel
{
    private readonly ICompletionModel _inner;
    private readonly RemoteHealth _health;

    public HealthReportingCompletionModel(ICompletionModel inner, RemoteHealth health)
    {
        _inner = inner;
        _health = health;
    }

    public ModelInfo Info => _inner.Info;

    public ModelThroughput? Throughput => _inner.Throughput;

    public int CountTokens(string text) => _inner.CountTokens(text);

    public IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, CancellationToken cancellationToken) =>
        _health.TrackAsync(_inner.InfillAsync(request, cancellationToken), cancellationToken);

    public bool CanPrefill => _inner.CanPrefill;

    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) =>
        _inner.PrefillAsync(head, cancellationToken);

    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken) =>
        _inner.PrefillPromptAsync(prompt, cancellationToken);

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        _health.TrackAsync(_inner.CompleteAsync(request, cancellationToken), cancellationToken);
}
