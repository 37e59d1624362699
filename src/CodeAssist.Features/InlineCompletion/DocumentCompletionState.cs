using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Per-document state: the suggestion on screen, the generation in flight, typing rhythm, memoised context.</summary>
internal sealed class DocumentCompletionState
{
    public Lock Gate { get; } = new();

    public ShownSuggestion? Shown { get; set; }

    public Generation? InFlight { get; set; }

    public AdaptiveDebounce Debounce { get; } = new();

    /// <summary>Start of the member the heads were built for; they are reused while the caret stays in it.</summary>
    public int ContextMemberStart { get; set; } = -1;

    /// <summary>The member's cold head (context and budgets sized to the model's speed), once a request needed it.</summary>
    public PromptHead? ColdHead { get; set; }

    /// <summary>The member's stable head (full context, text above the member), once a prefill or request built it.</summary>
    public PromptHead? StableHead { get; set; }

    /// <summary>The line the stable head's context was collected at (its cursor-level items: receiver, expected type).</summary>
    public int StableHeadLine { get; set; } = -1;

    /// <summary>The member's previous stable head, serving requests until the one for the caret's new line is prefilled.</summary>
    public PromptHead? PreviousStableHead { get; set; }

    /// <summary>The prompt a background prefill put whole into the model's cache while the caret rested, until a request extends it.</summary>
    public InfillRequest? CaretPrompt { get; set; }

    private long requests;

    /// <summary>
    /// How many requests the user's editor has made for this document: a speculation records it at the acceptance and
    /// gives way if it changed, since whatever the user asked for since then matters more than a guess.
    /// </summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Counts a request from the editor; returns its number.</summary>
    public long NoteRequest() => Interlocked.Increment(ref requests);

    /// <summary>The last request's document, for speculating what follows an accepted suggestion.</summary>
    public Microsoft.CodeAnalysis.Document? LastDocument { get; set; }
}
