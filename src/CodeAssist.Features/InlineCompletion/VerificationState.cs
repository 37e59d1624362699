namespace CodeAssist.Features.InlineCompletion;

/// <summary>What the compiler said about a suggestion before it was shown.</summary>
public enum VerificationState
{
    /// <summary>Applied to a fork of the document: no new errors that the unfinished code does not explain.</summary>
    Verified,

    /// <summary>One misspelled identifier was replaced with the nearest accessible name, then verified.</summary>
    Repaired,

    /// <summary>
    /// The model's text went wrong part-way (a name that does not exist, characters that are not C#): shown is the
    /// longest start of it that the compiler accepts, ending after a name, a literal or a closing bracket.
    /// </summary>
    Trimmed,

    /// <summary>Verification was off or ran out of its time budget.</summary>
    Unverified,

    /// <summary>Came from Roslyn's own completion (no model), so it is correct by construction.</summary>
    FromCompiler,
}
