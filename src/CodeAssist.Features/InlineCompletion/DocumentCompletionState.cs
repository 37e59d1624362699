using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Per-document state: the suggestion on screen, the generation in flight, typing rhythm, memoised context.</summary>
internal sealed class DocumentCompletionState
{
    public Lock Gate { get; } = new();

    public ShownSuggestion? Shown { get; set; }

    public Generation? InFlight { get; set; }

    public AdaptiveDebounce Debounce { get; } = new();

    /// <summary>Start of the member the context was gathered for; the context is reused while the caret stays in it.</summary>
    public int ContextMemberStart { get; set; } = -1;

    public IReadOnlyList<ContextSnippet> Context { get; set; } = [];

    /// <summary>The tokens of <see cref="Context"/> as the model counts them.</summary>
    public int ContextTokens { get; set; }

    /// <summary>Prompt budgets chosen when the caret entered the member; kept with the context for the same reason.</summary>
    public PromptPlan? Plan { get; set; }
}
