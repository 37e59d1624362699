namespace CodeAssist.Llm;

/// <summary>A fill-in-the-middle request. The provider formats it with the model's FIM template.</summary>
public sealed record InfillRequest
{
    public required string Prefix { get; init; }

    public string Suffix { get; init; } = "";

    /// <summary>Context placed before the current file (repo-level formats) or as a commented header.</summary>
    public IReadOnlyList<ContextSnippet> ExtraContext { get; init; } = [];

    public string? RepositoryName { get; init; }

    /// <summary>Path of the file being completed, relative to the repository when known.</summary>
    public string? FilePath { get; init; }

    public int MaxTokens { get; init; } = 64;

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    public float Temperature { get; init; }

    /// <summary>Number of candidates; providers that cannot produce several return fewer.</summary>
    public int CandidateCount { get; init; } = 1;

    /// <summary>Wall-clock bound on generation; random-weight models never stop by themselves.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Valid names at identifier sites (compiler-guided decoding); null leaves sampling unconstrained.</summary>
    public IdentifierConstraint? Identifiers { get; init; }
}
