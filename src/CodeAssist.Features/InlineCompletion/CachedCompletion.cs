namespace CodeAssist.Features.InlineCompletion;

/// <summary>What the exact cache holds for one prompt.</summary>
/// <param name="Candidates">The post-processed model texts (checked again when <paramref name="Settled"/> is null).</param>
/// <param name="Settled">The items of a finished check, or null while none finished: unchecked items are never kept as final.</param>
internal sealed record CachedCompletion(IReadOnlyList<string> Candidates, IReadOnlyList<InlineCompletionItem>? Settled);
