using System.Security.Cryptography;
using System.Text;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The stable part of a member's prompts: the Roslyn context and the file's text above the member
/// (<see cref="Prefix"/>, whole lines ending where the member's first line starts). Every keystroke inside the member
/// produces a prompt that starts with exactly these bytes, so a model that evaluated them once (a background prefill)
/// only evaluates the tail: the member's lines up to the caret, the suffix and the line being typed.
/// A head without <see cref="Prefix"/> (<see cref="End"/> &lt; 0) is the cold layout: the prefix window is cut from
/// the caret as a whole, sized by <see cref="Plan"/> to what the model evaluates in time.
/// </summary>
/// <param name="Plan">Budgets of the tail (prefix and suffix) and of the context.</param>
/// <param name="RawAbove">The document's text of [End - RawAbove.Length, End): the head is reused only while it is unchanged.</param>
internal sealed record PromptHead(
    IReadOnlyList<ContextSnippet> Context, int ContextTokens, string Prefix, int End, string RawAbove, PromptPlan Plan, string Key)
{
    /// <summary>
    /// Tokens of context the model holds in its cache already (the project digest, first in <see cref="Context"/>):
    /// they take room in the context window but no time, so <see cref="ContextTokens"/> and the plan leave them out.
    /// </summary>
    public int CachedContextTokens { get; init; }

    public bool HasPrefix => End >= 0;

    public static PromptHead Cold(IReadOnlyList<ContextSnippet> context, int contextTokens, PromptPlan plan) =>
        new(context, contextTokens, "", -1, "", plan, "");

    public static PromptHead Stable(
        IReadOnlyList<ContextSnippet> context, int contextTokens, string prefix, int end, string rawAbove, PromptPlan plan, string modelId, string? fileName)
    {
        var builder = new StringBuilder(modelId).Append('\0').Append(fileName).Append('\0');
        foreach (var snippet in context)
        {
            builder.Append(snippet.FilePath).Append('\0').Append(snippet.Text).Append('\0');
        }

        builder.Append(prefix);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
        return new PromptHead(context, contextTokens, prefix, end, rawAbove, plan, key);
    }

    /// <summary>True while the text above the member is what the head was built from.</summary>
    public bool StillHolds(SourceText text) =>
        !HasPrefix || (End <= text.Length && End >= RawAbove.Length && text.ToString(TextSpan.FromBounds(End - RawAbove.Length, End)) == RawAbove);

    /// <summary>The request a model prefills: the same fields the prompt builder sets before the volatile part.</summary>
    public InfillRequest ToPrefillRequest(string? fileName) => new() { Prefix = Prefix, ExtraContext = Context, FilePath = fileName };
}
