using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Common;

/// <summary>Replaces a span of a document with model-written code, re-indented to fit where it goes.</summary>
internal static class MemberRewriter
{
    /// <summary>
    /// The model's code as member declarations, or null when it does not parse cleanly. Models sometimes wrap the
    /// member in a class or namespace; then the members inside are taken.
    /// </summary>
    public static IReadOnlyList<MemberDeclarationSyntax>? ParseMembers(string code)
    {
        var unit = SyntaxFactory.ParseCompilationUnit(code, options: new CSharpParseOptions(LanguageVersion.Latest));
        if (unit.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) || unit.Members.Count == 0)
        {
            // A lone member that is not valid at top level (e.g. a constructor) parses as a class member instead.
            var wrapped = SyntaxFactory.ParseCompilationUnit("class __Wrapper__ {\n" + code + "\n}", options: new CSharpParseOptions(LanguageVersion.Latest));
            if (wrapped.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            return ((TypeDeclarationSyntax)wrapped.Members[0]).Members.ToList();
        }

        IReadOnlyList<MemberDeclarationSyntax> members = unit.Members;
        if (members.Any(m => m is GlobalStatementSyntax))
        {
            return ParseAsClassMembers(code);
        }

        while (members is [BaseNamespaceDeclarationSyntax ns])
        {
            members = ns.Members;
        }

        return members;
    }

    /// <summary>When the original is a member of a type and the model wrapped its answer in a type, unwrap it.</summary>
    public static string Unwrap(IReadOnlyList<MemberDeclarationSyntax> parsed, IReadOnlyList<MemberDeclarationSyntax> originals)
    {
        var originalsAreTypes = originals.All(o => o is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);
        if (!originalsAreTypes && parsed is [TypeDeclarationSyntax wrapper] && wrapper.Members.Count > 0)
        {
            parsed = wrapper.Members;
        }

        return string.Join("\n\n", parsed.Select(m => Dedent(m.ToFullString().Trim('\r', '\n'))));
    }

    /// <summary>The document text with <paramref name="span"/> replaced by <paramref name="code"/>, indented like the line it starts on.</summary>
    public static (SourceText Text, TextSpan NewSpan) Replace(SourceText text, TextSpan span, string code)
    {
        var line = text.Lines.GetLineFromPosition(span.Start);
        var lineText = line.ToString();
        var indent = lineText[..(lineText.Length - lineText.TrimStart().Length)];
        var lines = Dedent(code).ReplaceLineEndings("\n").Split('\n');
        var newline = line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
        var indented = string.Join(newline, lines.Select((l, i) => i == 0 || l.Length == 0 ? l : indent + l));
        return (text.WithChanges(new TextChange(span, indented)), new TextSpan(span.Start, indented.Length));
    }

    private static IReadOnlyList<MemberDeclarationSyntax>? ParseAsClassMembers(string code)
    {
        var wrapped = SyntaxFactory.ParseCompilationUnit("class __Wrapper__ {\n" + code + "\n}", options: new CSharpParseOptions(LanguageVersion.Latest));
        return wrapped.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? null
            : ((TypeDeclarationSyntax)wrapped.Members[0]).Members.ToList();
    }

    private static string Dedent(string code)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n');
        var common = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= common ? l[common..] : l.TrimStart()).ToArray()).Trim('\n');
    }
}
