using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Common;

/// <summary>Finds the declarations a span is about: the members it touches, or the smallest one around it.</summary>
public static class MemberLocator
{
    /// <summary>Members (methods, properties, constructors...) intersecting <paramref name="span"/>, outermost first.</summary>
    public static IReadOnlyList<MemberDeclarationSyntax> FindMembers(SyntaxNode root, TextSpan span, int maxCount)
    {
        var enclosing = FindSmallestEnclosingMember(root, span);
        if (enclosing is not null && enclosing is not BaseTypeDeclarationSyntax)
        {
            return [enclosing];
        }

        // The span covers several members (or sits at type level): take every non-type member it touches.
        var touched = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Where(m => m is not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax and not GlobalStatementSyntax)
            .Where(m => m.Span.IntersectsWith(span) || span.Contains(m.Span))
            .Take(maxCount)
            .ToList();
        if (touched.Count > 0)
        {
            return touched;
        }

        return enclosing is null ? [] : [enclosing];
    }

    /// <summary>The innermost member declaration containing the whole span, types included.</summary>
    public static MemberDeclarationSyntax? FindSmallestEnclosingMember(SyntaxNode root, TextSpan span)
    {
        var token = root.FindToken(span.Start);
        var node = token.Parent;
        while (node is not null)
        {
            if (node is MemberDeclarationSyntax member and not BaseNamespaceDeclarationSyntax and not GlobalStatementSyntax
                && member.FullSpan.Contains(span))
            {
                return member;
            }

            node = node.Parent;
        }

        return null;
    }

    /// <summary>A 1-based inclusive line range as a span, or null when out of range.</summary>
    public static TextSpan? LineRangeToSpan(SourceText text, int firstLine, int lastLine)
    {
        if (firstLine < 1 || lastLine < firstLine || lastLine > text.Lines.Count)
        {
            return null;
        }

        var start = text.Lines[firstLine - 1].Start;
        var end = text.Lines[lastLine - 1].End;
        return TextSpan.FromBounds(start, end);
    }
}
