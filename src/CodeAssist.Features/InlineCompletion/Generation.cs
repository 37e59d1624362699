using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// A model call in flight for one document. It owns its cancellation (not tied to the request that started it) so
/// that later keystrokes can attach to it; only a newer, incompatible request for the same document cancels it.
/// </summary>
internal sealed class Generation
{
    public Generation(string promptKey, SourceText text, int position)
    {
        PromptKey = promptKey;
        Text = text;
        Position = position;
    }

    public string PromptKey { get; }

    public SourceText Text { get; }

    public int Position { get; }

    // No timer is attached, so the source needs no disposal; superseding may cancel it at any time.
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>TimeProvider timestamps of the model call (0 until known), to separate model time from overhead.</summary>
    public long ModelStarted { get; set; }

    public long ModelEnded { get; set; }

    public Task<IReadOnlyList<InlineCompletionItem>> Completion { get; set; } = Task.FromResult<IReadOnlyList<InlineCompletionItem>>([]);

    /// <summary>True when the request's text is this generation's text plus characters typed at its caret.</summary>
    public bool CanServe(SourceText text, int position)
    {
        var typed = position - Position;
        if (typed < 0 || text.Length != Text.Length + typed)
        {
            return false;
        }

        // The typed characters themselves are checked against the result later; here only the rest must match.
        var probe = new ShownSuggestion(Text, Position, []);
        return TypingThrough.SameOutside(probe, text, typed);
    }
}
