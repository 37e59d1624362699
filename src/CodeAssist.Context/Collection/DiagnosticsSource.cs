using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>Compiler errors and warnings in the enclosing member: what the model should fix or avoid.</summary>
internal static class DiagnosticsSource
{
    private const int MaxDiagnostics = 5;

    public static IEnumerable<ContextCandidate> Collect(CursorSite site, CancellationToken cancellationToken)
    {
        var span = site.MemberNode?.Span ?? site.Root.FindToken(site.Position).Parent?.Span;
        if (span is null)
        {
            return [];
        }

        return site.Model.GetDiagnostics(span, cancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .OrderByDescending(d => d.Severity)
            .ThenBy(d => Math.Abs(d.Location.SourceSpan.Start - site.Position))
            .Take(MaxDiagnostics)
            .Select((d, i) => new ContextCandidate(
                ContextItemKind.Diagnostic,
                $"{(d.Severity == DiagnosticSeverity.Error ? "error" : "warning")} {d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}",
                0.5 - (i * 0.01),
                SymbolText.Location(d.Location)));
    }
}
