namespace CodeAssist.Features.InlineCompletion;

/// <summary>The result of a verification with a time budget.</summary>
/// <param name="Results">One per candidate, in order; all unverified when <paramref name="Late"/> is set.</param>
/// <param name="Late">The check that is still running past the budget, or null when it finished within it.</param>
internal sealed record VerificationOutcome(IReadOnlyList<VerifiedCandidate> Results, Task<IReadOnlyList<VerifiedCandidate>>? Late);
