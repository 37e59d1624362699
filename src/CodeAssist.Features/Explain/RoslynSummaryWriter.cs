using System.Text;
using CodeAssist.Features.Common;

namespace CodeAssist.Features.Explain;

/// <summary>The explanation without a model: a structured Markdown summary of what Roslyn knows.</summary>
internal static class RoslynSummaryWriter
{
    public static string Write(string fileName, int startLine, int endLine, IReadOnlyList<SymbolFacts> symbols, IReadOnlyList<DiagnosticFact> diagnostics, string notice)
    {
        var builder = new StringBuilder();
        builder.Append($"# {fileName}, lines {startLine}-{endLine}\n\n");
        if (symbols.Count == 0)
        {
            builder.Append("No member declarations in this range.\n\n");
        }

        foreach (var facts in symbols)
        {
            builder.Append($"## `{facts.Name}`\n\n");
            builder.Append($"```csharp\n{facts.Signature}\n```\n\n");
            if (facts.Documentation is { } docs)
            {
                builder.Append(docs).Append("\n\n");
            }

            builder.Append($"- **Kind:** {facts.Kind}, lines {facts.StartLine}-{facts.EndLine}\n");
            builder.Append($"- **Cyclomatic complexity:** {facts.CyclomaticComplexity}{ComplexityNote(facts.CyclomaticComplexity)}\n");
            AppendList(builder, "Calls", facts.Calls, "nothing in source or libraries");
            AppendList(builder, "Called from", facts.Callers, SearchSummary.None("callers", facts.CallersSearch), SearchSummary.Partial(facts.CallersSearch, facts.Callers.Count));
            if (facts.Overrides.Count > 0)
            {
                AppendList(builder, "Overrides and implementations", facts.Overrides, "");
            }

            builder.Append('\n');
        }

        builder.Append("## Diagnostics\n\n");
        builder.Append(diagnostics.Count == 0 ? "None in this range.\n" : string.Join('\n', diagnostics.Select(d => $"- {d.Severity} `{d.Id}` line {d.Line}: {d.Message}")) + "\n");
        builder.Append("\n> ").Append(notice).Append('\n');
        return builder.ToString();
    }

    private static string ComplexityNote(int complexity) => complexity switch
    {
        > 20 => " (very high: hard to test; consider splitting)",
        > 10 => " (high)",
        _ => "",
    };

    private static void AppendList(StringBuilder builder, string label, IReadOnlyList<SymbolReference> items, string empty, string suffix = "")
    {
        if (items.Count == 0)
        {
            builder.Append($"- **{label}:** {empty}\n");
            return;
        }

        builder.Append($"- **{label}**{suffix}:\n");
        foreach (var item in items)
        {
            var where = item.FilePath is null ? "" : $" ({Path.GetFileName(item.FilePath)}:{item.Line})";
            builder.Append($"  - `{item.Signature}`{where}\n");
        }
    }
}
