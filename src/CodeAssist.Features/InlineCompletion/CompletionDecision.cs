namespace CodeAssist.Features.InlineCompletion;

/// <summary>Whether and what to complete at a position, decided from the syntax tree before any prompt is built.</summary>
/// <param name="Reason">Why nothing is completed (for logs and tests), or null.</param>
internal sealed record CompletionDecision(CompletionShape Shape, IReadOnlyList<string> StopSequences, string? Reason = null)
{
    public static CompletionDecision Skip(string reason) => new(CompletionShape.None, [], reason);
}
