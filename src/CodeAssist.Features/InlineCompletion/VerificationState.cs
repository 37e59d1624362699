namespace CodeAssist.Features.InlineCompletion;

/// <summary>What the compiler said about a suggestion before it was shown.</summary>
public enum VerificationState
{
    /// <summary>Applied to a fork of the document: no new errors that the unfinished code does not explain.</summary>
    Verified,

    /// <summary>One misspelled identifier was replaced with the nearest accessible name, then verified.</summary>
    Repaired,

    /// <summary>Verification was off or ran out of its time budget.</summary>
    Unverified,

    /// <summary>Came from Roslyn's own completion (no model), so it is correct by construction.</summary>
    FromCompiler,
}
