using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// The prompt heads of the member the caret is in, kept while the caret stays in it so that the prompt's start is
/// identical across keystrokes (and a model's KV cache reuses it). Two heads: the cold one, sized to the model's
/// measured speed because everything in it is evaluated by the request (see <see cref="PromptPlanner"/>); and the
/// stable one, with the full Roslyn context and the text above the member, which a background prefill evaluates
/// ahead of time. Requests use the stable head once its prefill has completed. The context holds cursor-level items
/// (the receiver's members, the expected type), so a caret that rests on another line of the member gets a new stable
/// head, prefilled in the background while requests keep the previous one.
/// </summary>
internal sealed class MemberContext(ICodeContextProvider? provider, ProjectDigestPrefix digests, InlineCompletionCounters counters)
{
    // The file's text above the member in a stable head: the context carries most of what the model needs.
    internal const int AboveMemberTokens = 384;

    // A head is only useful if its prefill finishes before the user starts typing: the client reports a resting
    // cursor after ~250 ms and people read for a second or two after a jump. On a slow model the head is sized to
    // what it evaluates in this time (never below the cold plan's context); a fast one gets the full budgets. 1.75 s
    // fills a 2 s read after the report's debounce: on mined cross-file points (replay --mined, 200 tok/s, 2 s dwell)
    // the cold prompts holding the needed name went from 60% (1.5 s, a quarter above the member) to 73% (--keys 8, see
    // docs/notes/completion.md). A head not done by the first key only leaves that request on the cold head.
    internal const double PrefillWindowSeconds = 1.75;

    // Of a speed-limited head, the share for the file's text above the member: the tail already carries the member's
    // own lines, and the cross-file names the model cannot guess are in the context.
    private const int AboveMemberShareDivisor = 8;

    /// <summary>The head a request at <paramref name="position"/> uses now.</summary>
    public async Task<PromptHead> GetAsync(
        DocumentCompletionState state, ICompletionModel model, Document document, SyntaxNode root, SourceText text, int position,
        CodeAssistOptions settings, Func<string, bool> prefilled, CancellationToken cancellationToken)
    {
        var (memberStart, _) = Locate(root, text, position);
        Enter(state, memberStart, text);
        if (state.StableHead is { } stable && prefilled(stable.Key))
        {
            counters.PrefilledHeadHit();
            return stable;
        }

        // The caret rested on another line of the member and its head is still being prefilled: the previous one is in
        // the model's cache, and its context, collected a few lines away, still beats the cold head's.
        if (state.PreviousStableHead is { } previous && prefilled(previous.Key) && previous.StillHolds(text))
        {
            counters.PrefilledHeadHit();
            return previous;
        }

        if (state.ColdHead is { } cold)
        {
            return cold;
        }

        var plan = ColdPlan(model, settings);
        var (snippets, tokens) = await CollectAsync(model, document, position, plan.ContextTokens, cancellationToken).ConfigureAwait(false);
        var digest = digests.Cached(model, document, settings.Context.ProjectDigestTokens, prefilled);
        return state.ColdHead = PromptHead.Cold(WithDigest(digest, snippets), tokens, plan) with { CachedContextTokens = digest?.Tokens ?? 0 };
    }

    /// <summary>The stable head of the member at <paramref name="position"/> (built once per member).</summary>
    public async Task<PromptHead> GetStableAsync(
        DocumentCompletionState state, ICompletionModel model, InlineCompletionPromptBuilder builder, Document document, SyntaxNode root, SourceText text,
        int position, CodeAssistOptions settings, Func<string, bool> prefilled, CancellationToken cancellationToken)
    {
        var (memberStart, headEnd) = Locate(root, text, position);
        Enter(state, memberStart, text);
        var line = text.Lines.GetLineFromPosition(position).LineNumber;
        if (state.StableHead is { } known && state.StableHeadLine == line)
        {
            return known;
        }

        var cold = ColdPlan(model, settings);
        var (contextBudget, aboveBudget) = StableBudgets(model.Throughput, cold, settings.Context.BudgetTokens);
        var (snippets, tokens) = await CollectAsync(model, document, position, contextBudget, cancellationToken).ConfigureAwait(false);
        var (prefix, start) = builder.HeadPrefix(text, headEnd, aboveBudget);
        var raw = text.ToString(TextSpan.FromBounds(start, headEnd));

        // The tail is what a request still evaluates: the cold plan's prefix and suffix, without its context share
        // (the head carries the context now), so a request on a prefilled head answers faster than a cold one.
        var plan = new PromptPlan(tokens, cold.PrefixTokens, cold.SuffixTokens);
        var fileName = document.FilePath is null ? null : Path.GetFileName(document.FilePath);
        var digest = digests.Cached(model, document, settings.Context.ProjectDigestTokens, prefilled);
        var head = PromptHead.Stable(WithDigest(digest, snippets), tokens, prefix, headEnd, raw, plan, model.Info.ModelId, fileName)
            with { CachedContextTokens = digest?.Tokens ?? 0 };
        lock (state.Gate)
        {
            // A head built for another line of the member is replaced: its receiver and expected type are the old
            // caret's. It stays as the fallback until this one is in the cache.
            if (state.ContextMemberStart == memberStart && (state.StableHead is null || state.StableHeadLine != line))
            {
                state.PreviousStableHead = state.StableHead ?? state.PreviousStableHead;
                state.StableHead = head;
                state.StableHeadLine = line;
            }

            return state.StableHeadLine == line && state.StableHead is { } current ? current : head;
        }
    }

    /// <summary>Start of the enclosing member (0 outside any) and the start of its first line, where the head ends.</summary>
    public static (int MemberStart, int HeadEnd) Locate(SyntaxNode root, SourceText text, int position)
    {
        var member = root.FindToken(Math.Max(0, position - 1)).Parent?.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        var memberStart = member?.SpanStart ?? 0;
        var headEnd = text.Lines.GetLineFromPosition(Math.Min(memberStart, position)).Start;
        return (memberStart, headEnd);
    }

    /// <summary>Token budgets of a stable head's context and text above the member.</summary>
    internal static (int Context, int Above) StableBudgets(ModelThroughput? throughput, PromptPlan cold, int contextBudget)
    {
        if (throughput is null || throughput.PromptTokensPerSecond <= 0)
        {
            return (contextBudget, AboveMemberTokens);
        }

        // After the head, the job prefills the caret's tail (the member's lines, the suffix) so that the first keystroke
        // evaluates only what it types: the window leaves the tail its room, so both are in the cache before the user
        // types. Giving the head the whole window whenever the first key could evaluate the tail itself within a second
        // cost more than it gave once the context filled its budget: at 200 tok/s the first key after a jump went from
        // 494 to 761 ms at p50 for 811 instead of 595 tokens of context, and the needed name from 83% to 87% of cold
        // prompts (replay --mined --prompt-tps 200 --dwell-ms 2000, docs/notes/completion.md, "Session 10").
        var window = (int)Math.Min(int.MaxValue, throughput.PromptTokensPerSecond * PrefillWindowSeconds);
        var total = Math.Max(0, window - cold.PrefixTokens - cold.SuffixTokens);
        var above = Math.Min(AboveMemberTokens, total / AboveMemberShareDivisor);
        return (Math.Clamp(total - above, Math.Min(cold.ContextTokens, contextBudget), contextBudget), above);
    }

    private PromptPlan ColdPlan(ICompletionModel model, CodeAssistOptions settings) =>
        PromptPlanner.Plan(model.Throughput, settings.Completion, settings.Context.BudgetTokens, counters.GeneratedTokensAverage);

    private static void Enter(DocumentCompletionState state, int memberStart, SourceText text)
    {
        lock (state.Gate)
        {
            if (state.ContextMemberStart != memberStart || state.StableHead?.StillHolds(text) == false)
            {
                state.ContextMemberStart = memberStart;
                state.ColdHead = null;
                state.StableHead = null;
                state.StableHeadLine = -1;
                state.PreviousStableHead = null;
            }
        }
    }

    // The digest goes first: it is the part of every prompt in the project that the model already holds.
    private static IReadOnlyList<ContextSnippet> WithDigest(DigestSnippet? digest, IReadOnlyList<ContextSnippet> snippets) =>
        digest is null ? snippets : [digest.Snippet, .. snippets];

    private async Task<(IReadOnlyList<ContextSnippet> Snippets, int Tokens)> CollectAsync(
        ICompletionModel model, Document document, int position, int budget, CancellationToken cancellationToken)
    {
        if (provider is null || budget <= 0)
        {
            return ([], 0);
        }

        // Counted with the model's tokenizer, once: the prompt builder takes this count as it is.
        var context = await provider.GetContextAsync(document, position, budget, new ModelTokenCounter(model), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(context.RenderedText)
            ? ([], 0)
            : ([new ContextSnippet("context.cs", context.RenderedText)], context.TokenCount);
    }
}
