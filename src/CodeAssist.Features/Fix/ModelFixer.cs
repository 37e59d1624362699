using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Names;
using CodeAssist.Features.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Fix;

/// <summary>
/// The model's fix: it rewrites the smallest member around the diagnostic; the rewrite is parsed, applied to a fork
/// and offered only when the target diagnostic is gone from it and no new error appeared in the document.
/// </summary>
internal sealed class ModelFixer(IChatClient client, IResponseCache? cache, PromptLibrary prompts, TimeProvider timeProvider, ContentExclusion? exclusion = null)
{
    private const int MaxMemberLines = 200;

    public async Task<(CodeSuggestion? Suggestion, string? Rejection)> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var member = root is null ? null : MemberLocator.FindSmallestEnclosingMember(root, diagnostic.Location.SourceSpan);
        if (member is null || text.Lines.GetLinePositionSpan(member.Span) is var lines && lines.End.Line - lines.Start.Line > MaxMemberLines)
        {
            return (null, "the diagnostic is not inside a member small enough to rewrite");
        }

        var line = text.Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start);
        var values = new Dictionary<string, string>
        {
            ["file"] = Path.GetFileName(document.FilePath ?? document.Name),
            ["diagnostic"] = $"{DocumentVerifier.Describe(diagnostic)} (line {line.LineNumber + 1}: `{line.ToRedactedString().Trim()}`)",
            ["member"] = PromptText.QuoteCode(MemberText(text, member)),
            ["facts"] = await FactsAsync(document, member, cancellationToken).ConfigureAwait(false),
        };
        var answer = await ChatRunner.RunAsync(client, prompts.Get(PromptLibrary.Fix).Render(values), cache, null, 1024, cancellationToken).ConfigureAwait(false);

        var code = CodeBlockExtractor.LastCodeBlock(answer.Text);
        var parsed = code is null ? null : MemberRewriter.ParseMembers(code);
        if (parsed is null || parsed.Count == 0)
        {
            return (null, "the model's answer has no C# member that parses");
        }

        var (newText, newSpan) = MemberRewriter.Replace(text, member.Span, MemberRewriter.Unwrap(parsed, [member]));
        var fork = document.WithText(newText);
        var before = await DocumentVerifier.DiagnosticsAsync(document, DiagnosticSeverity.Error, cancellationToken).ConfigureAwait(false);
        var after = await DocumentVerifier.DiagnosticsAsync(fork, DiagnosticSeverity.Warning, cancellationToken).ConfigureAwait(false);
        if (after.Any(d => d.Id == diagnostic.Id && DocumentVerifier.Intersects(d, newSpan)))
        {
            return (null, $"the model's fix does not remove {diagnostic.Id}");
        }

        var remainingBefore = before.Where(d => !(d.Id == diagnostic.Id && d.Location.SourceSpan == diagnostic.Location.SourceSpan)).ToList();
        var added = DocumentVerifier.Added(remainingBefore, after.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
        if (added.Count > 0)
        {
            return (null, $"the model's fix adds an error: {DocumentVerifier.Describe(added[0])}");
        }

        var edits = await SolutionEdits.DiffAsync(document.Project.Solution, fork.Project.Solution, cancellationToken).ConfigureAwait(false);
        if (edits.Count == 0)
        {
            return (null, "the model's fix changes nothing");
        }

        var hint = CodeBlockExtractor.Label(answer.Text, "Hint");
        var check = await CheckedHint.CheckAsync(fork, newSpan, hint, cancellationToken).ConfigureAwait(false);
        return (new CodeSuggestion(Title(hint) + CheckedHint.TitleNote(check), SuggestionSource.Model, CheckedHint.Render(check), edits) { HintCheck = check }, null);
    }

    public static string Title(string? hint) =>
        hint is null ? "Fix with CodeAssist (model)" : $"Fix with CodeAssist (model): {Shorten(hint, 60)}";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string MemberText(Microsoft.CodeAnalysis.Text.SourceText text, MemberDeclarationSyntax member)
    {
        // From the start of the member's first line so the model sees (and keeps) its indentation consistently.
        var start = text.Lines.GetLineFromPosition(member.SpanStart).Start;
        return text.ToRedactedString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, member.Span.End));
    }

    private async Task<string> FactsAsync(Document document, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        var facts = await new SymbolFactsCollector(timeProvider, exclusion).CollectAsync(document, member, cancellationToken).ConfigureAwait(false);
        return facts is null ? "(none)" : FactsText.Render([facts]);
    }
}
