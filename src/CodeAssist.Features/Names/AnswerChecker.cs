using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Names;

/// <summary>
/// Checks the code names of a model's answer against the workspace (see <see cref="NameResolver"/>): the answer is
/// not taken as fact where it names what does not exist. Each distinct name is looked up once.
/// </summary>
public static class AnswerChecker
{
    /// <summary>Checks <paramref name="answer"/> as written about <paramref name="span"/> of <paramref name="document"/>.</summary>
    public static async Task<CheckedAnswer> CheckAsync(Document document, TextSpan span, string answer, CancellationToken cancellationToken)
    {
        var mentions = NameExtractor.Extract(answer);
        if (mentions.Count == 0)
        {
            return CheckedAnswer.Unchecked(answer);
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);

        // In scope at the start of the range (members, usings), near its end (the locals it declares), and inside the
        // bodies of the members it touches: a range that starts at a signature still sees that member's parameters.
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var positions = new[] { span.Start, Math.Max(span.Start, Math.Min(span.End, text.Length) - 1) }
            .Concat(BodyPositions(root, span))
            .Distinct()
            .ToList();
        var resolver = new NameResolver(document, model, positions);
        var names = new Dictionary<string, CheckedName>(StringComparer.Ordinal);
        var checkedMentions = new List<NameMention>(mentions.Count);
        foreach (var (start, length, name) in mentions)
        {
            if (!names.TryGetValue(name, out var resolved))
            {
                names[name] = resolved = await resolver.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
            }

            checkedMentions.Add(new NameMention(start, length, resolved));
        }

        return new CheckedAnswer(answer, checkedMentions, [.. names.Values]);
    }

    private static IEnumerable<int> BodyPositions(SyntaxNode? root, TextSpan span)
    {
        if (root is null)
        {
            return [];
        }

        var touched = root.FindToken(Math.Min(span.Start, Math.Max(0, root.FullSpan.End - 1))).Parent?.AncestorsAndSelf().OfType<BaseMethodDeclarationSyntax>().Take(1) ?? [];
        return touched
            .Concat(root.DescendantNodes(span).OfType<BaseMethodDeclarationSyntax>())
            .Select(method => method.Body?.OpenBraceToken.Span.End ?? method.ExpressionBody?.Expression.SpanStart)
            .OfType<int>()
            .Distinct()
            .Take(8);
    }
}
