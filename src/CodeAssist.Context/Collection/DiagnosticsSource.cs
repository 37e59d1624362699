using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>Compiler errors and warnings in the enclosing member: what the model should fix or avoid.</summary>
internal static class DiagnosticsSource
{
    private const int MaxDiagnostics = 5;
    private const int MaxSemanticSpan = 4000;

    public static IEnumerable<ContextCandidate> Collect(CursorSite site, CancellationToken cancellationToken)
    {
        var span = site.MemberNode?.Span ?? site.Root.FindToken(site.Position).Parent?.Span;
        if (span is null)
        {
            return [];
        }

        // Semantic diagnostics bind the whole member; in a very long one, syntax errors have to do.
        var diagnostics = span.Value.Length <= MaxSemanticSpan
            ? site.Model.GetDiagnostics(span, cancellationToken)
            : site.Root.SyntaxTree.GetDiagnostics(cancellationToken).Where(d => span.Value.IntersectsWith(d.Location.SourceSpan));
        return diagnostics
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
