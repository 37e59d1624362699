using System.Text;

namespace CodeAssist.Features.Common;

/// <summary>Renders facts compactly for prompts: signatures and one-line notes, no bodies.</summary>
internal static class FactsText
{
    public static string Render(IReadOnlyList<SymbolFacts> symbols, FactsDetail detail = FactsDetail.All)
    {
        if (symbols.Count == 0)
        {
            return "(no declarations in range)";
        }

        var builder = new StringBuilder();
        foreach (var facts in symbols)
        {
            builder.Append("- ").Append(facts.Signature).Append($" (lines {facts.StartLine}-{facts.EndLine}, complexity {facts.CyclomaticComplexity})\n");
            if (detail == FactsDetail.SignaturesOnly)
            {
                continue;
            }

            if (facts.Documentation is { } docs && detail == FactsDetail.All)
            {
                builder.Append("  docs: ").Append(docs).Append('\n');
            }

            AppendList(builder, "calls", facts.Calls);
            if (detail >= FactsDetail.WithCallers)
            {
                AppendCallers(builder, facts);
            }

            AppendList(builder, "related", facts.Overrides);
        }

        return builder.ToString().TrimEnd();
    }

    public static string RenderDiagnostics(IEnumerable<DiagnosticFact> diagnostics)
    {
        var lines = diagnostics.Select(d => $"- {d.Severity} {d.Id} at line {d.Line}: {d.Message}").ToList();
        return lines.Count == 0 ? "(none)" : string.Join('\n', lines);
    }

    private static void AppendCallers(StringBuilder builder, SymbolFacts facts)
    {
        AppendList(builder, "called from", facts.Callers);
        if (facts.Callers.Count == 0 || !facts.CallersComplete)
        {
            // Tell the model what the search knows, so it does not call a stopped search's silence "no callers".
            var note = facts.Callers.Count == 0 ? SearchSummary.None("callers", facts.CallersSearch) : SearchSummary.Partial(facts.CallersSearch, facts.Callers.Count).Trim(' ', '(', ')');
            builder.Append("  callers note: ").Append(note).Append('\n');
        }
    }

    private static void AppendList(StringBuilder builder, string label, IReadOnlyList<SymbolReference> items)
    {
        if (items.Count > 0)
        {
            builder.Append("  ").Append(label).Append(": ").Append(string.Join("; ", items.Select(i => i.Signature))).Append('\n');
        }
    }
}
