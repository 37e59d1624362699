using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Names;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using CodeAssist.Llm.Chat;
using Microsoft.Extensions.AI;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Explain;

/// <summary>
/// Explains a span of a document snapshot: Roslyn facts first, then the model's Markdown (streamed) when one is
/// available, or a structured Roslyn-only summary when none is. A failing model degrades to the summary.
/// </summary>
/// <param name="exclusion">Files under content exclusion, whose declarations are left out of the facts.</param>
public sealed class ExplainService(ILanguageModels models, IResponseCache? cache, PromptLibrary prompts, TimeProvider timeProvider, ContentExclusion? exclusion = null)
{
    public const string Feature = "explain";
    private const int MaxSymbols = 5;

    public async Task<ExplainResult> ExplainAsync(Document document, TextSpan span, IProgress<string>? partialText, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The document has no syntax tree.");
        var collector = new SymbolFactsCollector(timeProvider, exclusion);
        var symbols = new List<SymbolFacts>();
        foreach (var member in MemberLocator.FindMembers(root, span, MaxSymbols))
        {
            if (await collector.CollectAsync(document, member, cancellationToken).ConfigureAwait(false) is { } facts)
            {
                symbols.Add(facts);
            }
        }

        var diagnostics = (await DiagnosticFacts.GetAsync(document, span, cancellationToken).ConfigureAwait(false))
            .Select(DiagnosticFacts.ToFact).ToList();
        var startLine = text.Lines.GetLineFromPosition(span.Start).LineNumber + 1;
        var endLine = text.Lines.GetLineFromPosition(span.End).LineNumber + 1;
        var filePath = document.FilePath ?? document.Name;

        var client = models.GetChatClient(Feature);
        string? failure = null;
        string? refusal = null;
        if (client is not null)
        {
            var values = new Dictionary<string, string>
            {
                ["file"] = Path.GetFileName(filePath),
                ["lines"] = $"{startLine}-{endLine}",
                ["code"] = PromptText.QuoteCode(text.ToRedactedString(FullLines(text, span)), firstLineNumber: startLine),
            };
            try
            {
                var prompt = ExplainPromptFitter.Fit(prompts.Get(PromptLibrary.Explain), values, symbols, diagnostics, client.GetService<ChatContextWindow>());
                if (prompt.Messages is null)
                {
                    refusal = prompt.Refusal;
                }
                else
                {
                    var answer = await ChatRunner.RunAsync(client, prompt.Messages, cache, partialText, prompt.AnswerTokens, cancellationToken)
                        .ConfigureAwait(false);
                    // The stream showed the raw answer; the result is the checked one, which the views show when it ends.
                    var check = await AnswerChecker.CheckAsync(document, span, answer.Text, cancellationToken).ConfigureAwait(false);
                    return new ExplainResult(
                        filePath, startLine, endLine, CheckedAnswerRenderer.RenderPlain(check), answer.ModelId, answer.FromCache, null, symbols, diagnostics)
                    {
                        Check = check,
                        Provider = answer.Provider,
                    };
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A model that fails (network, crash, timeout) must not take the explanation down with it.
                failure = exception.Message;
            }
        }

        var status = failure is null ? models.Status : new ModelStatus(ModelState.Failed, failure);
        var notice = refusal ?? NoModelNotice.For(status);
        var summary = RoslynSummaryWriter.Write(Path.GetFileName(filePath), startLine, endLine, symbols, diagnostics, notice);
        partialText?.Report(summary);
        return new ExplainResult(filePath, startLine, endLine, summary, null, false, notice, symbols, diagnostics);
    }

    /// <summary>Whole lines read better to a model than a selection that starts mid-line.</summary>
    private static TextSpan FullLines(SourceText text, TextSpan span) =>
        TextSpan.FromBounds(text.Lines.GetLineFromPosition(span.Start).Start, text.Lines.GetLineFromPosition(span.End).End);
}
