using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Picks a replacement for a sampled token that the <see cref="IdentifierGuide"/> does not allow: the most likely
/// allowed token at temperature 0, else a draw from the model's distribution restricted to the allowed tokens. Since
/// the first draw came from the whole distribution and only a disallowed one is drawn again, the result follows
/// exactly the restricted distribution (top-k/top-p of the pipeline do not apply to the second draw).
/// Inside a name, or where one must start, the allowed tokens are the guide's lists (kept per site and written part by
/// the vocabulary), and the choice is one pass over them. Elsewhere nearly every token is allowed and asking the guide
/// about each one is the slow path, so the likeliest tokens are asked one by one first (greedy), or the draw is
/// repeated from the whole distribution until an allowed token comes (rejection sampling, which keeps the restricted
/// distribution exact); when that finds nothing, the choice is among the tokens without an identifier.
/// </summary>
internal sealed class ConstrainedChoice
{
    private readonly bool[] _allowed;
    private readonly IReadOnlyList<int> _endTokens;
    private readonly float _temperature;
    private readonly Random _random;
    private const int Tries = 64;

    private readonly IReadOnlyList<int> _withoutIdentifier;
    private IReadOnlySet<LLamaToken>? _endsFor;
    private bool[] _ends = [];
    private int[] _endList = [];
    private double[] _cumulative = [];

    public ConstrainedChoice(int vocabularySize, IReadOnlyList<int> endTokens, float temperature, uint seed, IReadOnlyList<int>? withoutIdentifier = null)
    {
        _withoutIdentifier = withoutIdentifier ?? [];
        _allowed = new bool[vocabularySize];
        _endTokens = endTokens;
        _temperature = temperature;
        _random = new Random((int)seed);
    }

    /// <summary>The chosen token, or null when nothing is allowed (the caller keeps the model's token).</summary>
    public LLamaToken? Choose(IdentifierGuide guide, ReadOnlySpan<float> logits, IReadOnlySet<LLamaToken> stopTokens)
    {
        int size = Math.Min(_allowed.Length, logits.Length);
        bool[] ends = EndsOf(stopTokens);
        bool IsEnd(int id) => (uint)id < (uint)ends.Length && ends[id];

        // Inside a name, or where one must start, the allowed tokens are a few lists the vocabulary keeps per site:
        // choosing among them directly costs a pass over them, not over the vocabulary.
        if (guide.AllowedLists() is { } lists)
        {
            return Pick(lists, logits, size, ends, guide.Allows(0, endsGeneration: true) ? _endList : []);
        }

        int? quick = _temperature <= 0 ? FirstAllowedOfBest(guide, logits, size, IsEnd) : FirstAllowedDraw(guide, logits, size, IsEnd);
        if (quick is { } found)
        {
            return (LLamaToken)found;
        }

        if (guide.OutsideRequiredName && _withoutIdentifier.Count > 0)
        {
            // Building the allowed set asks for a site after every lead of the vocabulary, and in expression position
            // most leads open one; a token without an identifier is valid here, so the choice is among those.
            return Pick([_withoutIdentifier], logits, size, ends, []);
        }

        guide.Fill(_allowed);
        var allowed = new List<int>();
        for (int id = 0; id < size; id++)
        {
            if (_allowed[id])
            {
                allowed.Add(id);
            }
        }

        return Pick([allowed], logits, size, ends, guide.Allows(0, endsGeneration: true) ? _endList : []);
    }

    /// <summary>End and stop tokens as a mask and a list, built once: a generation's stop tokens do not change.</summary>
    private bool[] EndsOf(IReadOnlySet<LLamaToken> stopTokens)
    {
        if (!ReferenceEquals(stopTokens, _endsFor))
        {
            _endsFor = stopTokens;
            _ends = new bool[_allowed.Length];
            var list = new List<int>();
            foreach (int id in _endTokens.Concat(stopTokens.Select(stop => (int)stop)))
            {
                if ((uint)id < (uint)_ends.Length && !_ends[id])
                {
                    _ends[id] = true;
                    list.Add(id);
                }
            }

            _endList = [.. list];
        }

        return _ends;
    }

    /// <summary>
    /// The likeliest token of <paramref name="lists"/> (less the <paramref name="ends"/>) and
    /// <paramref name="endsAllowed"/> at temperature 0, else a draw from the model's distribution restricted to them.
    /// The lists are disjoint; ids past the logits do not count.
    /// </summary>
    private LLamaToken? Pick(IReadOnlyList<IReadOnlyList<int>> lists, ReadOnlySpan<float> logits, int count, bool[] ends, int[] endsAllowed)
    {
        int best = -1;
        float max = float.NegativeInfinity;
        foreach (IReadOnlyList<int> list in lists)
        {
            foreach (int id in list)
            {
                if ((uint)id < (uint)count && !ends[id] && (best < 0 || logits[id] > max))
                {
                    (best, max) = (id, logits[id]);
                }
            }
        }

        foreach (int id in endsAllowed)
        {
            if ((uint)id < (uint)count && (best < 0 || logits[id] > max))
            {
                (best, max) = (id, logits[id]);
            }
        }

        if (best < 0 || _temperature <= 0)
        {
            return best < 0 ? null : (LLamaToken)best;
        }

        double total = 0;
        foreach (IReadOnlyList<int> list in lists)
        {
            foreach (int id in list)
            {
                total += (uint)id < (uint)count && !ends[id] ? Math.Exp((logits[id] - max) / _temperature) : 0;
            }
        }

        foreach (int id in endsAllowed)
        {
            total += (uint)id < (uint)count ? Math.Exp((logits[id] - max) / _temperature) : 0;
        }

        double target = _random.NextDouble() * total;
        foreach (IReadOnlyList<int> list in lists)
        {
            foreach (int id in list)
            {
                if ((uint)id < (uint)count && !ends[id] && (target -= Math.Exp((logits[id] - max) / _temperature)) <= 0)
                {
                    return (LLamaToken)id;
                }
            }
        }

        foreach (int id in endsAllowed)
        {
            if ((uint)id < (uint)count && (target -= Math.Exp((logits[id] - max) / _temperature)) <= 0)
            {
                return (LLamaToken)id;
            }
        }

        return (LLamaToken)best;
    }

    /// <summary>The likeliest tokens in order, each asked of the guide; null when none of them is allowed.</summary>
    private static int? FirstAllowedOfBest(IdentifierGuide guide, ReadOnlySpan<float> logits, int count, Func<int, bool> isEnd)
    {
        // A small sorted list of the best Tries ids: one pass over the logits.
        var best = new List<int>(Tries + 1);
        float floor = float.NegativeInfinity;
        for (int id = 0; id < count; id++)
        {
            float logit = logits[id];
            if (best.Count == Tries && logit <= floor)
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && logits[best[at - 1]] < logit)
            {
                at--;
            }

            best.Insert(at, id);
            if (best.Count > Tries)
            {
                best.RemoveAt(Tries);
            }

            floor = logits[best[^1]];
        }

        foreach (int id in best)
        {
            if (guide.Allows(id, isEnd(id)))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Draws from the whole distribution until the guide allows the token (at most Tries draws).</summary>
    private int? FirstAllowedDraw(IdentifierGuide guide, ReadOnlySpan<float> logits, int count, Func<int, bool> isEnd)
    {
        float max = float.NegativeInfinity;
        for (int id = 0; id < count; id++)
        {
            max = Math.Max(max, logits[id]);
        }

        // One buffer per generation: a fresh 1.2 MB array per replacement would be most of its cost.
        if (_cumulative.Length < count)
        {
            _cumulative = new double[count];
        }

        double[] cumulative = _cumulative;
        double total = 0;
        for (int id = 0; id < count; id++)
        {
            total += Math.Exp((logits[id] - max) / _temperature);
            cumulative[id] = total;
        }

        for (int attempt = 0; attempt < Tries; attempt++)
        {
            int index = Array.BinarySearch(cumulative, 0, count, _random.NextDouble() * total);
            int id = Math.Min(count - 1, index < 0 ? ~index : index);
            if (guide.Allows(id, isEnd(id)))
            {
                return id;
            }
        }

        return null;
    }
}
