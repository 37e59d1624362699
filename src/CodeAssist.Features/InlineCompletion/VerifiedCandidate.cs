namespace CodeAssist.Features.InlineCompletion;

/// <summary>The outcome of checking one candidate against the compiler.</summary>
/// <param name="Text">The candidate as it would be shown (repaired text when <see cref="State"/> is Repaired).</param>
/// <param name="Rejected">True when it introduces errors that the unfinished code does not explain.</param>
/// <param name="NewErrors">Errors in the enclosing member that were not there before (tolerated ones included), for ranking.</param>
/// <param name="RejectingIds">The diagnostic ids that caused rejection (empty unless rejected).</param>
internal sealed record VerifiedCandidate(string Text, VerificationState State, bool Rejected, int NewErrors, IReadOnlyList<string> RejectingIds);
