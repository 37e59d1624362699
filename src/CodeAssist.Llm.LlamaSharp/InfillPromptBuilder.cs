using System.Text;
using CodeAssist.Llm;
using CodeAssist.Llm.Fim;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Turns the layout of <see cref="FimPromptBuilder.BuildSegments"/> into token ids: markers are the vocabulary's own
/// ids and user text is tokenized with special tokens off, so code that contains "&lt;|fim_prefix|&gt;" stays text
/// and cannot inject a marker. Over budget, the least relevant context snippets go first, then code far from the
/// cursor (three quarters from the start of the prefix, one quarter from the end of the suffix).
/// </summary>
internal sealed class InfillPromptBuilder
{
    private const int MaxTrimRounds = 32;
    private readonly LLamaWeights _weights;
    private readonly FimTokens _fim;

    public InfillPromptBuilder(LLamaWeights weights, FimTokens fim)
    {
        _weights = weights;
        _fim = fim;
    }

    public List<LLamaToken> Build(InfillRequest request, int budget)
    {
        for (int round = 0; round < MaxTrimRounds; round++)
        {
            List<LLamaToken> tokens = Render(request);
            int excess = tokens.Count - budget;
            if (excess <= 0)
            {
                return tokens;
            }

            if (request.ExtraContext.Count > 0)
            {
                request = request with { ExtraContext = request.ExtraContext.Take(request.ExtraContext.Count - 1).ToArray() };
                continue;
            }

            if (request.Prefix.Length == 0 && request.Suffix.Length == 0)
            {
                break;
            }

            // Room left for code once markers and paths are counted: a quarter for the suffix, the rest for the prefix.
            int prefixTokens = Text(request.Prefix).Length;
            int suffixTokens = Text(request.Suffix).Length;
            int room = Math.Max(0, prefixTokens + suffixTokens - excess);
            int keepSuffix = Math.Min(suffixTokens, room / 4);
            int keepPrefix = Math.Min(prefixTokens, room - keepSuffix);
            keepSuffix = Math.Min(suffixTokens, room - keepPrefix);
            int prefixCut = Math.Min(request.Prefix.Length, CharsFor(request.Prefix, prefixTokens - keepPrefix));
            int suffixCut = Math.Min(request.Suffix.Length, CharsFor(request.Suffix, suffixTokens - keepSuffix));
            if (prefixCut == 0 && suffixCut == 0)
            {
                (prefixCut, suffixCut) = request.Prefix.Length > 0 ? (1, 0) : (0, 1);
            }

            request = request with { Prefix = request.Prefix[prefixCut..], Suffix = request.Suffix[..^suffixCut] };
        }

        throw new ArgumentException($"The infill prompt does not fit in {budget} tokens even without code.", nameof(budget));
    }

    public LLamaToken[] Text(string text) =>
        text.Length == 0 ? [] : _weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8);

    private List<LLamaToken> Render(InfillRequest request)
    {
        var tokens = new List<LLamaToken>();
        if (_weights.Vocab.ShouldAddBOS && _weights.Vocab.BOS is { } bos)
        {
            tokens.Add(bos);
        }

        foreach (FimSegment segment in FimPromptBuilder.BuildSegments(_fim.Template, request))
        {
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

    /// <summary>Characters that hold about <paramref name="tokens"/> tokens of <paramref name="text"/> (rounded up).</summary>
    private int CharsFor(string text, int tokens)
    {
        if (tokens <= 0 || text.Length == 0)
        {
            return 0;
        }

        int count = Math.Max(1, Text(text).Length);
        return (int)Math.Ceiling(tokens * (double)text.Length / count) + 1;
    }
}
