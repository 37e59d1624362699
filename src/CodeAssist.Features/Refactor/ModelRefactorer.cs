using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Names;
using CodeAssist.Features.Prompts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Refactor;

/// <summary>
/// The model's refactoring: it rewrites the declarations in the span; the rewrite must parse, add no diagnostic to
/// the document and (unless allowed) keep every public signature, or it is not offered.
/// </summary>
internal sealed class ModelRefactorer(IChatClient client, IResponseCache? cache, PromptLibrary prompts, TimeProvider timeProvider, ContentExclusion? exclusion = null)
{
    public async Task<(CodeSuggestion? Suggestion, string? Rejection)> RefactorAsync(
        Document document, TextSpan span, bool allowSignatureChanges, string? request, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var members = root is null ? [] : MemberLocator.FindMembers(root, span, 5);
        if (members.Count == 0)
        {
            return (null, "the selection holds no declaration to rewrite");
        }

        var target = TextSpan.FromBounds(members[0].Span.Start, members[^1].Span.End);
        var collector = new SymbolFactsCollector(timeProvider, exclusion);
        var facts = new List<SymbolFacts>();
        foreach (var member in members)
        {
            if (await collector.CollectAsync(document, member, cancellationToken).ConfigureAwait(false) is { } collected)
            {
                facts.Add(collected);
            }
        }

        var values = new Dictionary<string, string>
        {
            ["file"] = Path.GetFileName(document.FilePath ?? document.Name),
            ["code"] = PromptText.QuoteCode(text.ToRedactedString(TextSpan.FromBounds(text.Lines.GetLineFromPosition(target.Start).Start, target.End))),
            ["facts"] = FactsText.Render(facts),
            ["signatures"] = allowSignatureChanges
                ? "You may change signatures if that clearly helps."
                : "Keep every public and protected signature exactly as it is.",
            ["request"] = request ?? "",
        };
        var answer = await ChatRunner.RunAsync(client, prompts.Get(PromptLibrary.Refactor).Render(values), cache, null, 1536, cancellationToken).ConfigureAwait(false);

        var code = CodeBlockExtractor.LastCodeBlock(answer.Text);
        var parsed = code is null ? null : MemberRewriter.ParseMembers(code);
        if (parsed is null || parsed.Count == 0)
        {
            return (null, "the model's answer has no C# declaration that parses");
        }

        var (newText, newSpan) = MemberRewriter.Replace(text, target, MemberRewriter.Unwrap(parsed, members));
        var fork = document.WithText(newText);
        var before = await DocumentVerifier.DiagnosticsAsync(document, DiagnosticSeverity.Warning, cancellationToken).ConfigureAwait(false);
        var after = await DocumentVerifier.DiagnosticsAsync(fork, DiagnosticSeverity.Warning, cancellationToken).ConfigureAwait(false);
        var added = DocumentVerifier.Added(before, after);
        if (added.Count > 0)
        {
            return (null, $"the rewrite adds a diagnostic: {DocumentVerifier.Describe(added[0])}");
        }

        if (!allowSignatureChanges)
        {
            var apiBefore = await PublicApi.SignaturesAsync(document, cancellationToken).ConfigureAwait(false);
            var apiAfter = await PublicApi.SignaturesAsync(fork, cancellationToken).ConfigureAwait(false);
            var changed = apiBefore.Except(apiAfter).Concat(apiAfter.Except(apiBefore)).FirstOrDefault();
            if (changed is not null)
            {
                return (null, $"the rewrite changes a public signature: {changed}");
            }
        }

        var edits = await SolutionEdits.DiffAsync(document.Project.Solution, fork.Project.Solution, cancellationToken).ConfigureAwait(false);
        if (edits.Count == 0)
        {
            return (null, "the rewrite changes nothing");
        }

        var rationale = CodeBlockExtractor.Label(answer.Text, "Rationale");
        var title = rationale is null ? "Refactor with CodeAssist (model)" : $"Refactor with CodeAssist (model): {Shorten(rationale)}";
        var check = await CheckedHint.CheckAsync(fork, newSpan, rationale, cancellationToken).ConfigureAwait(false);
        return (new CodeSuggestion(title + CheckedHint.TitleNote(check), SuggestionSource.Model, CheckedHint.Render(check), edits) { HintCheck = check }, null);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59].TrimEnd() + "…";
}
