using CodeAssist.Features.Common;

namespace CodeAssist.Features.Fix;

/// <summary>The fixes for one diagnostic, likeliest first: Roslyn's corrections, the model's verified fix, Roslyn's other fixes, generated members.</summary>
/// <param name="Notice">Why there is no model fix (no model configured, or the model's fix was rejected), or null.</param>
/// <param name="Rejected">Why each model proposal was not offered, for logs and --json.</param>
public sealed record FixReport(DiagnosticFact Diagnostic, IReadOnlyList<CodeSuggestion> Suggestions, string? Notice, IReadOnlyList<string> Rejected);
