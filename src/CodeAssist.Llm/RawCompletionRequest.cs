namespace CodeAssist.Llm;

/// <summary>A raw prompt continued as is, with no template applied.</summary>
public sealed record RawCompletionRequest
{
    public required string Prompt { get; init; }

    public int MaxTokens { get; init; } = 128;

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    public float Temperature { get; init; }

    public TimeSpan? TimeLimit { get; init; }
}
