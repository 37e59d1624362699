using CodeAssist.Features.Common;

namespace CodeAssist.Features.Refactor;

/// <summary>Refactorings for a span: the model's verified rewrite (when any) first, then Roslyn's built-in ones.</summary>
/// <param name="Notice">Why there is no model suggestion, or null.</param>
public sealed record RefactorReport(IReadOnlyList<CodeSuggestion> Suggestions, string? Notice, IReadOnlyList<string> Rejected);
