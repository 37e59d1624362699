namespace CodeAssist.Features.InlineCompletion;

/// <summary>The answer to one request: best item first; empty when there is nothing worth showing.</summary>
/// <param name="Message">Why the list is empty or how to get better results (e.g. how to add a model), or null.</param>
public sealed record InlineCompletionResult(IReadOnlyList<InlineCompletionItem> Items, string? Message = null)
{
    public static InlineCompletionResult Empty { get; } = new([]);
}
