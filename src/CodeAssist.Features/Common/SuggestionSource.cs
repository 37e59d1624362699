namespace CodeAssist.Features.Common;

/// <summary>Who proposed a suggestion: Roslyn's own fixers/refactorings, or the model (verified by the compiler).</summary>
public enum SuggestionSource
{
    Roslyn,
    Model,
}
