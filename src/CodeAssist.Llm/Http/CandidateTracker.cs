namespace CodeAssist.Llm.Http;

/// <summary>
/// Bookkeeping for streamed candidates: counts chunks per candidate (servers send about one token per chunk)
/// and builds each candidate's final chunk with its usage exactly once.
/// </summary>
internal sealed class CandidateTracker
{
    private readonly Dictionary<int, int> _generated = [];
    private readonly HashSet<int> _finished = [];

    public CandidateTracker(int promptTokens)
    {
        PromptTokens = promptTokens;
    }

    public int PromptTokens { get; set; }

    /// <summary>Prompt tokens the server reported as served from its cache; null when it did not say.</summary>
    public int? CachedPromptTokens { get; set; }

    /// <summary>Total completion tokens the server reported; spread over candidates when it gives one total.</summary>
    public int? ReportedCompletionTokens { get; set; }

    public void Started(int candidate) => _generated.TryAdd(candidate, 0);

    public void Generated(int candidate)
    {
        _generated[candidate] = _generated.GetValueOrDefault(candidate) + 1;
    }

    public CompletionChunk? Finish(int candidate, CompletionFinishReason reason)
    {
        if (!_finished.Add(candidate))
        {
            return null;
        }

        _generated.TryAdd(candidate, 0);
        var generated = ReportedCompletionTokens is { } total && _generated.Count == 1 ? total : _generated[candidate];
        var evaluated = CachedPromptTokens is { } cached ? Math.Max(0, PromptTokens - cached) : PromptTokens;
        return new CompletionChunk(candidate, "", new CompletionUsage(PromptTokens, evaluated, generated, reason));
    }

    /// <summary>Final chunks for every candidate that has not finished (end of stream, time limit).</summary>
    public IEnumerable<CompletionChunk> FinishAll(CompletionFinishReason reason)
    {
        if (_generated.Count == 0)
        {
            _generated[0] = 0;
        }

        foreach (var candidate in _generated.Keys.Order().ToArray())
        {
            if (Finish(candidate, reason) is { } chunk)
            {
                yield return chunk;
            }
        }
    }

    public static CompletionFinishReason ParseFinishReason(string? reason) => reason switch
    {
        "length" or "max_tokens" or "limit" => CompletionFinishReason.Length,
        _ => CompletionFinishReason.Stop,
    };
}
