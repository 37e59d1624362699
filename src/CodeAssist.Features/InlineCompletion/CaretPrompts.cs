using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Whether a request's prompt is a prompt prefilled at the resting caret with only typed text appended.</summary>
internal static class CaretPrompts
{
    /// <summary>
    /// True when <paramref name="prompt"/> starts with every token of <paramref name="rested"/>: the same context, file and
    /// suffix, and a prefix that continues the rested one (the layout puts the line being typed last).
    /// </summary>
    public static bool Extends(InfillRequest prompt, InfillRequest rested) =>
        prompt.Suffix == rested.Suffix
        && prompt.FilePath == rested.FilePath
        && prompt.Prefix.StartsWith(rested.Prefix, StringComparison.Ordinal)
        && prompt.ExtraContext.SequenceEqual(rested.ExtraContext);
}
