using CodeAssist.Features.Common;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm.Chat;

namespace CodeAssist.Features.Explain;

/// <summary>
/// Fits the explain prompt to the model's context by priority: the selected code always goes in whole, then the
/// signatures, the diagnostics, calls and related members, callers, and documentation; the least useful part is
/// dropped first. The answer's reservation scales with the window (<see cref="ChatContextWindow.AnswerTokens"/>)
/// and shrinks to its minimum before the code is refused.
/// A model that does not report its window gets the whole prompt and the preferred reservation, as before.
/// </summary>
internal static class ExplainPromptFitter
{
    public const int PreferredAnswerTokens = 1024;

    /// <summary>Each step drops one more part; the order is the priority, last dropped first kept.</summary>
    private static readonly (FactsDetail? Facts, bool Diagnostics, string[] LeftOut)[] Steps =
    [
        (FactsDetail.All, true, []),
        (FactsDetail.WithCallers, true, ["documentation"]),
        (FactsDetail.WithCalls, true, ["documentation", "callers"]),
        (FactsDetail.SignaturesOnly, true, ["documentation", "callers", "calls and related members"]),
        (FactsDetail.SignaturesOnly, false, ["documentation", "callers", "calls and related members", "diagnostics"]),
        (null, false, ["documentation", "callers", "calls and related members", "diagnostics", "signatures"]),
    ];

    public static ExplainPrompt Fit(
        PromptTemplate template,
        IReadOnlyDictionary<string, string> fixedValues,
        IReadOnlyList<SymbolFacts> symbols,
        IReadOnlyList<DiagnosticFact> diagnostics,
        ChatContextWindow? window)
    {
        if (window is null)
        {
            return new ExplainPrompt(template.Render(Values(fixedValues, symbols, diagnostics, Steps[0])), PreferredAnswerTokens, [], null);
        }

        // The facts go before the answer shrinks, and the answer shrinks (to its minimum) before the code is refused.
        var smallest = 0;
        var promptTokens = 0;
        var answerTokens = 0;
        foreach (var answer in new[] { window.AnswerTokens(PreferredAnswerTokens), window.MinimumAnswerTokens(PreferredAnswerTokens) }.Distinct())
        {
            answerTokens = answer;
            promptTokens = window.PromptTokens(answer);
            foreach (var step in Steps)
            {
                var messages = template.Render(Values(fixedValues, symbols, diagnostics, step));
                smallest = window.CountPromptTokens(messages);
                if (smallest <= promptTokens)
                {
                    return new ExplainPrompt(messages, answer, step.LeftOut, null);
                }
            }
        }

        return new ExplainPrompt(
            null,
            answerTokens,
            Steps[^1].LeftOut,
            $"The selected code needs {smallest} tokens of prompt even without the Roslyn facts, and this model's context of "
            + $"{window.ContextLength} tokens holds {promptTokens} besides a {answerTokens}-token answer, so this answer comes "
            + "from Roslyn alone. Select fewer lines, or use a model with a larger context (`contextSize`).");
    }

    private static Dictionary<string, string> Values(
        IReadOnlyDictionary<string, string> fixedValues,
        IReadOnlyList<SymbolFacts> symbols,
        IReadOnlyList<DiagnosticFact> diagnostics,
        (FactsDetail? Facts, bool Diagnostics, string[] LeftOut) step)
    {
        // Saying what was left out keeps the model from reading a dropped section as "there is none".
        var leftOut = step.LeftOut.Length == 0 ? "" : $"\n(left out to fit the model's context: {string.Join(", ", step.LeftOut)})";
        return new Dictionary<string, string>(fixedValues)
        {
            ["facts"] = (step.Facts is { } detail ? FactsText.Render(symbols, detail) : "(not shown)") + leftOut,
            ["diagnostics"] = step.Diagnostics ? FactsText.RenderDiagnostics(diagnostics) : "(not shown)",
        };
    }
}
