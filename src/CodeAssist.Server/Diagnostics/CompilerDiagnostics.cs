using System.Globalization;
using System.Text.Json;
using CodeAssist.Server.Handlers.Assist;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Server.Diagnostics;

/// <summary>
/// The compiler's errors and warnings of one document (hidden and info are left out: they are not problems an
/// editor should underline), and their LSP form. Shared by the push publisher and code actions.
/// </summary>
internal static class CompilerDiagnostics
{
    public const string Source = "CodeAssist";

    /// <summary>Syntax and semantic diagnostics inside <paramref name="span"/>, or of the whole document when null.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> GetAsync(Document document, TextSpan? span, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return [];
        }

        // SemanticModel.GetDiagnostics includes the syntax diagnostics; with a span it binds only the members there.
        return model.GetDiagnostics(span, cancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed
                && d.Location.IsInSource && d.Location.SourceTree == model.SyntaxTree)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The parse errors and warnings of a text, without a compilation (for documents too large for one).</summary>
    public static IReadOnlyList<Diagnostic> GetSyntaxOnly(string text, CancellationToken cancellationToken)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(SourceText.From(text), cancellationToken: cancellationToken);
        return tree.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    }

    public static LspDiagnostic ToLsp(Diagnostic diagnostic, DocumentSnapshot snapshot, PositionEncoding encoding)
    {
        var span = diagnostic.Location.SourceSpan;
        return new LspDiagnostic
        {
            Range = ProtocolConversions.GetRange(snapshot, span.Start, span.Length, encoding),
            Code = JsonSerializer.SerializeToElement(diagnostic.Id),
            Severity = diagnostic.Severity == DiagnosticSeverity.Error ? 1 : 2,
            Source = Source,
            Message = diagnostic.GetMessage(CultureInfo.InvariantCulture),
        };
    }
}
