using System.Security.Cryptography;
using System.Text;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Step 2: the FIM request. Layout stability matters more than size: the Roslyn context comes first and is reused
/// while the caret stays in the same member (the service memoises it), the prefix window starts on a snapped line,
/// and only the line being edited changes between keystrokes.
/// </summary>
internal sealed class InlineCompletionPromptBuilder
{
    // Tokens the FIM markers and file headers take, kept free so the prompt never overflows the context.
    private const int FormatOverheadTokens = 32;

    private const int MinPrefixTokens = 32;

    private readonly ICompletionModel model;
    private readonly PromptWindow window;

    public InlineCompletionPromptBuilder(ICompletionModel model)
    {
        this.model = model;
        window = new PromptWindow(model.CountTokens, redactSecrets: model.Info.IsRemote);
    }

    /// <summary>Whole lines ending at <paramref name="end"/> (a line start) within the budget: the text above a member, and where it starts.</summary>
    public (string Prefix, int Start) HeadPrefix(SourceText text, int end, int budgetTokens)
    {
        var start = end <= 0 ? end : window.LinesStart(text, end, budgetTokens);
        return (window.Cut(text, start, end), start);
    }

    public InlineCompletionPrompt Build(
        SourceText text, int position, CompletionDecision decision, PromptHead head, string? filePath, CompletionOptions options)
    {
        var plan = head.Plan;
        var contextTokens = head.ContextTokens;
        var available = Math.Max(64, model.Info.ContextLength - options.MaxTokens - contextTokens - head.CachedContextTokens - FormatOverheadTokens);
        // The context may use less than its planned share; the prefix takes the difference so the prompt keeps the
        // planned size (a cold prompt stays within its time), never growing past the full layout's.
        var plannedPrefix = head.HasPrefix
            ? plan.PrefixTokens
            : Math.Clamp(plan.PrefixTokens + plan.ContextTokens - contextTokens, MinPrefixTokens, Math.Max(plan.PrefixTokens, PromptPlan.FullPrefixTokens));
        var prefixBudget = Math.Min(plannedPrefix, available * 3 / 4);
        var suffixBudget = Math.Min(plan.SuffixTokens, available - prefixBudget);

        // A stable head's text above the member is followed by the member's lines up to the caret while they fit;
        // a member body longer than the tail's budget falls back to the window cut from the caret.
        var prefix = head.HasPrefix && position >= head.End && window.CutTail(text, head.End, position, prefixBudget) is { } tail
            ? head.Prefix + tail
            : window.CutPrefix(text, position, prefixBudget);
        var suffix = model.Info.SupportsFim ? window.CutSuffix(text, position, suffixBudget) : "";
        var candidates = Math.Max(1, options.Candidates);
        var request = new InfillRequest
        {
            Prefix = prefix,
            Suffix = suffix,
            ExtraContext = head.Context,
            FilePath = filePath is null ? null : Path.GetFileName(filePath),
            MaxTokens = decision.Shape == CompletionShape.MultiLine ? options.MaxTokens * 2 : options.MaxTokens,
            StopSequences = decision.StopSequences,
            CandidateCount = candidates,

            // Several greedy candidates would be identical; sampling only makes sense when asking for more than one.
            Temperature = candidates > 1 ? 0.4f : 0f,
            // A remote server that hangs must not cost every keystroke 10 s: it gets its own, short limit.
            TimeLimit = model.Info.IsRemote ? TimeSpan.FromMilliseconds(options.RemoteTimeoutMs) : TimeSpan.FromSeconds(10),
        };
        return new InlineCompletionPrompt(request, ComputeKey(model.Info.ModelId, request));
    }

    private static string ComputeKey(string modelId, InfillRequest request)
    {
        var builder = new StringBuilder();
        builder.Append(modelId).Append('\0').Append(request.MaxTokens).Append('\0').Append(request.CandidateCount)
            .Append('\0').Append(request.Temperature).Append('\0').Append(string.Join('\u0001', request.StopSequences)).Append('\0');
        foreach (var snippet in request.ExtraContext)
        {
            builder.Append(snippet.FilePath).Append('\0').Append(snippet.Text).Append('\0');
        }

        builder.Append(request.Prefix).Append('\0').Append(request.Suffix);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
