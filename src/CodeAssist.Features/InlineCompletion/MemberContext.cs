using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The Roslyn context and the prompt budgets of the member the caret is in. Both are kept while the caret stays in
/// the member, which keeps the prompt's head identical across keystrokes (so a local model's KV cache reuses it).
/// Entering a member is the cold case: the plan is sized to the model's measured speed then.
/// </summary>
internal sealed class MemberContext(ICodeContextProvider? provider, InlineCompletionCounters counters)
{
    public async Task<(IReadOnlyList<ContextSnippet> Context, int ContextTokens, PromptPlan Plan)> GetAsync(
        DocumentCompletionState state,
        ICompletionModel model,
        Document document,
        SyntaxNode root,
        int position,
        CodeAssistOptions settings,
        CancellationToken cancellationToken)
    {
        var member = root.FindToken(Math.Max(0, position - 1)).Parent?.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        var memberStart = member?.SpanStart ?? 0;
        if (state.ContextMemberStart == memberStart && state.Plan is { } memoised)
        {
            return (state.Context, state.ContextTokens, memoised);
        }

        var plan = PromptPlanner.Plan(model.Throughput, settings.Completion, settings.Context.BudgetTokens, counters.GeneratedTokensAverage);
        IReadOnlyList<ContextSnippet> snippets = [];
        var tokens = 0;
        if (provider is not null && plan.ContextTokens > 0)
        {
            // Counted with the model's tokenizer, once: the prompt builder takes this count as it is.
            var context = await provider.GetContextAsync(document, position, plan.ContextTokens, new ModelTokenCounter(model), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(context.RenderedText))
            {
                snippets = [new ContextSnippet("context.cs", context.RenderedText)];
                tokens = context.TokenCount;
            }
        }

        state.Context = snippets;
        state.ContextTokens = tokens;
        state.Plan = plan;
        state.ContextMemberStart = memberStart;
        return (snippets, tokens, plan);
    }
}
