using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Common;

/// <summary>
/// The compiler's verdict on an edited fork of a document. Diagnostics are compared by id and message, not position,
/// because an edit shifts every position after it; each "before" diagnostic excuses one identical "after" one.
/// </summary>
internal static class DocumentVerifier
{
    public static async Task<IReadOnlyList<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticSeverity minimum, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model is null ? [] : model.GetDiagnostics(cancellationToken: cancellationToken).Where(d => d.Severity >= minimum).ToList();
    }

    /// <summary>Diagnostics of <paramref name="after"/> that <paramref name="before"/> did not have.</summary>
    public static IReadOnlyList<Diagnostic> Added(IReadOnlyList<Diagnostic> before, IReadOnlyList<Diagnostic> after)
    {
        var remaining = before.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
        var added = new List<Diagnostic>();
        foreach (var diagnostic in after)
        {
            var key = Key(diagnostic);
            if (remaining.TryGetValue(key, out var count) && count > 0)
            {
                remaining[key] = count - 1;
            }
            else
            {
                added.Add(diagnostic);
            }
        }

        return added;
    }

    public static bool Intersects(Diagnostic diagnostic, TextSpan span) =>
        diagnostic.Location.IsInSource && diagnostic.Location.SourceSpan.IntersectsWith(span);

    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    private static string Key(Diagnostic diagnostic) => Describe(diagnostic);
}
