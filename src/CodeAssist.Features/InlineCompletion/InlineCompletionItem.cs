namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// A suggestion: <see cref="InsertText"/> replaces the UTF-16 range [<see cref="ReplaceStart"/>, <see cref="ReplaceEnd"/>)
/// of the requested snapshot. The range ends at the caret; it starts before it only when the suggestion also
/// covers the word already typed (Roslyn fallback).
/// </summary>
/// <param name="Id">Opaque id the client sends back when the item is accepted.</param>
public sealed record InlineCompletionItem(
    string Id,
    string InsertText,
    int ReplaceStart,
    int ReplaceEnd,
    VerificationState Verification,
    InlineCompletionSource Source);
