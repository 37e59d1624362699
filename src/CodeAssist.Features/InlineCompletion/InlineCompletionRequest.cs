using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// One request for ghost text. <see cref="Document"/> is an immutable snapshot captured when the request was
/// received; the pipeline never re-reads the workspace.
/// </summary>
/// <param name="Position">UTF-16 offset of the caret in <see cref="Document"/>.</param>
/// <param name="Explicit">True when the user asked for a suggestion (no debounce, comments allowed).</param>
public sealed record InlineCompletionRequest(Document Document, int Position, bool Explicit = false)
{
    /// <summary>Identity of the document across snapshots (superseding, typing-through).</summary>
    public string DocumentKey => Document.FilePath ?? Document.Id.Id.ToString();

    /// <summary>Started by the service itself after an acceptance: no debounce, not counted as a request.</summary>
    internal bool Speculative => SpeculatedAfter is not null;

    /// <summary>
    /// For a speculation, the document's request count at the acceptance: it is dropped once the user's editor has
    /// asked again (see <see cref="DocumentGenerations.Start"/>).
    /// </summary>
    internal long? SpeculatedAfter { get; init; }
}
