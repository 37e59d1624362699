using System.Text;
using CodeAssist.Llm;
using CodeAssist.Llm.Fim;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Turns the layout of <see cref="FimLayout.BuildSegments"/> into token ids: markers are the vocabulary's own
/// ids and user text is tokenized with special tokens off, so code that contains "&lt;|fim_prefix|&gt;" stays text
/// and cannot inject a marker. Features size the prompt with this model's tokenizer, so over budget is the exception
/// this class only guards: the least relevant context snippets go first, then code far from the cursor (three
/// quarters from the start of the prefix, one quarter from the end of the suffix), each sized from token counts
/// taken once rather than by trimming and re-tokenizing in a loop.
/// </summary>
internal sealed class InfillPromptBuilder
{
    // Code cuts are sized from a characters-per-token ratio; a few tokens of slack absorb merges at the new edge.
    private const int CutSlackTokens = 4;

    // A second code cut covers a ratio that was off (text of very uneven density); past that the prompt cannot fit.
    private const int MaxCodeCuts = 2;

    private readonly LLamaWeights _weights;
    private readonly FimTokens _fim;

    public InfillPromptBuilder(LLamaWeights weights, FimTokens fim)
    {
        _weights = weights;
        _fim = fim;
    }

    public List<LLamaToken> Build(InfillRequest request, int budget)
    {
        List<LLamaToken> tokens = Render(request);
        if (tokens.Count <= budget)
        {
            return tokens;
        }

        if (request.ExtraContext.Count > 0)
        {
            request = request with { ExtraContext = KeepContext(request.ExtraContext, tokens.Count - budget) };
            tokens = Render(request);
        }

        for (int cut = 0; cut < MaxCodeCuts && tokens.Count > budget; cut++)
        {
            if (request.Prefix.Length == 0 && request.Suffix.Length == 0)
            {
                break;
            }

            request = CutCode(request, tokens.Count - budget + CutSlackTokens);
            tokens = Render(request);
        }

        return tokens.Count <= budget
            ? tokens
            : throw new ArgumentException($"The infill prompt does not fit in {budget} tokens even without code.", nameof(budget));
    }

    /// <summary>The most relevant snippets (they come first) that leave out at least <paramref name="excess"/> tokens.</summary>
    private IReadOnlyList<ContextSnippet> KeepContext(IReadOnlyList<ContextSnippet> context, int excess)
    {
        int keep = context.Count;
        while (keep > 0 && excess > 0)
        {
            keep--;
            // The snippet's path line and file separator count too; one token for the marker.
            excess -= Text(context[keep].Text).Length + Text(context[keep].FilePath + "\n").Length + 1;
        }

        return context.Take(keep).ToArray();
    }

    /// <summary>Cuts about <paramref name="excess"/> tokens of code far from the cursor.</summary>
    private InfillRequest CutCode(InfillRequest request, int excess)
    {
        // Room left for code once markers and paths are counted: a quarter for the suffix, the rest for the prefix.
        int prefixTokens = Text(request.Prefix).Length;
        int suffixTokens = Text(request.Suffix).Length;
        int room = Math.Max(0, prefixTokens + suffixTokens - excess);
        int keepSuffix = Math.Min(suffixTokens, room / 4);
        int keepPrefix = Math.Min(prefixTokens, room - keepSuffix);
        keepSuffix = Math.Min(suffixTokens, room - keepPrefix);
        int prefixCut = Math.Min(request.Prefix.Length, CharsFor(request.Prefix, prefixTokens, prefixTokens - keepPrefix));
        int suffixCut = Math.Min(request.Suffix.Length, CharsFor(request.Suffix, suffixTokens, suffixTokens - keepSuffix));
        if (prefixCut == 0 && suffixCut == 0)
        {
            (prefixCut, suffixCut) = request.Prefix.Length > 0 ? (1, 0) : (0, 1);
        }

        return request with { Prefix = request.Prefix[prefixCut..], Suffix = request.Suffix[..^suffixCut] };
    }

    public LLamaToken[] Text(string text) =>
        text.Length == 0 ? [] : _weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8);

    /// <summary>
    /// The stable head of the prompt <paramref name="request"/> would give: every token before the suffix marker
    /// (context, file path, the prefix's complete lines). A later request whose prefix extends this one's starts with
    /// the same tokens, because text segments are tokenized separately and the head's prefix ends on a line break.
    /// </summary>
    public List<LLamaToken> Head(InfillRequest request) => Render(request with { Suffix = "" }, stopAtSuffix: true);

    private List<LLamaToken> Render(InfillRequest request, bool stopAtSuffix = false)
    {
        var tokens = new List<LLamaToken>();
        if (_weights.Vocab.ShouldAddBOS && _weights.Vocab.BOS is { } bos)
        {
            tokens.Add(bos);
        }

        foreach (FimSegment segment in FimLayout.BuildSegments(_fim.Template, request))
        {
            if (segment.IsMarker && stopAtSuffix && segment.Text == _fim.Template.SuffixToken)
            {
                break;
            }

            if (segment.IsMarker)
            {
                tokens.Add(_fim.MarkerIds[segment.Text]);
            }
            else
            {
                tokens.AddRange(Text(segment.Text));
            }
        }

        return tokens;
    }

    /// <summary>Characters that hold about <paramref name="tokens"/> of the <paramref name="count"/> tokens of <paramref name="text"/> (rounded up).</summary>
    private static int CharsFor(string text, int count, int tokens) =>
        tokens <= 0 || text.Length == 0 ? 0 : (int)Math.Ceiling(tokens * (double)text.Length / Math.Max(1, count)) + 1;
}
