using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Common;

/// <summary>Reads compiler diagnostics of a document as plain facts.</summary>
internal static class DiagnosticFacts
{
    public static async Task<IReadOnlyList<Diagnostic>> GetAsync(Document document, TextSpan? span, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return [];
        }

        return model.GetDiagnostics(span, cancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.IsInSource)
            .ToList();
    }

    public static DiagnosticFact ToFact(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return new DiagnosticFact(
            diagnostic.Id,
            diagnostic.Severity.ToString(),
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            position.Line + 1,
            position.Character + 1);
    }
}
