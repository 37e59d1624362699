using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Picks a replacement for a sampled token that the <see cref="IdentifierGuide"/> does not allow: the most likely
/// allowed token at temperature 0, else a draw from the model's distribution restricted to the allowed tokens. Since
/// the first draw came from the whole distribution and only a disallowed one is drawn again, the result follows
/// exactly the restricted distribution (top-k/top-p of the pipeline do not apply to the second draw).
/// Asking the guide about every token of the vocabulary is the slow path (at plain-identifier sites most leads open
/// a site), so the likeliest tokens are asked one by one first (greedy), or the draw is repeated from the whole
/// distribution until an allowed token comes (rejection sampling, which keeps the restricted distribution exact);
/// only when that finds nothing is the full allowed set built.
/// </summary>
internal sealed class ConstrainedChoice
{
    private readonly bool[] _allowed;
    private readonly IReadOnlyList<int> _endTokens;
    private readonly float _temperature;
    private readonly Random _random;
    private const int Tries = 64;

    private readonly IReadOnlyList<int> _withoutIdentifier;

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
        bool IsEnd(int id) => _endTokens.Contains(id) || stopTokens.Contains((LLamaToken)id);
        int? quick = _temperature <= 0 ? FirstAllowedOfBest(guide, logits, size, IsEnd) : FirstAllowedDraw(guide, logits, size, IsEnd);
        if (quick is { } found)
        {
            return (LLamaToken)found;
        }

        if (guide.OutsideRequiredName && _withoutIdentifier.Count > 0)
        {
            // Building the allowed set asks for a site after every lead of the vocabulary, and in expression position
            // most leads open one; a token without an identifier is valid here, so the choice is among those.
            _allowed.AsSpan().Clear();
            foreach (int id in _withoutIdentifier)
            {
                _allowed[id] = !IsEnd(id);
            }

            int limit = Math.Min(_allowed.Length, logits.Length);
            return _temperature <= 0 ? Greedy(logits, limit) : Draw(logits, limit);
        }

        guide.Fill(_allowed);
        bool mayEnd = guide.Allows(0, endsGeneration: true);
        foreach (int end in _endTokens)
        {
            _allowed[end] = mayEnd;
        }

        foreach (LLamaToken stop in stopTokens)
        {
            if ((uint)(int)stop < (uint)_allowed.Length)
            {
                _allowed[(int)stop] = mayEnd;
            }
        }

        int count = Math.Min(_allowed.Length, logits.Length);
        return _temperature <= 0 ? Greedy(logits, count) : Draw(logits, count);
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

        var cumulative = new double[count];
        double total = 0;
        for (int id = 0; id < count; id++)
        {
            total += Math.Exp((logits[id] - max) / _temperature);
            cumulative[id] = total;
        }

        for (int attempt = 0; attempt < Tries; attempt++)
        {
            int index = Array.BinarySearch(cumulative, _random.NextDouble() * total);
            int id = Math.Min(count - 1, index < 0 ? ~index : index);
            if (guide.Allows(id, isEnd(id)))
            {
                return id;
            }
        }

        return null;
    }

    private LLamaToken? Greedy(ReadOnlySpan<float> logits, int count)
    {
        int best = -1;
        for (int id = 0; id < count; id++)
        {
            if (_allowed[id] && (best < 0 || logits[id] > logits[best]))
            {
                best = id;
            }
        }

        return best < 0 ? null : (LLamaToken)best;
    }

    private LLamaToken? Draw(ReadOnlySpan<float> logits, int count)
    {
        float max = float.NegativeInfinity;
        for (int id = 0; id < count; id++)
        {
            if (_allowed[id] && logits[id] > max)
            {
                max = logits[id];
            }
        }

        if (float.IsNegativeInfinity(max))
        {
            return null;
        }

        double total = 0;
        for (int id = 0; id < count; id++)
        {
            if (_allowed[id])
            {
                total += Math.Exp((logits[id] - max) / _temperature);
            }
        }

        double target = _random.NextDouble() * total;
        int last = -1;
        for (int id = 0; id < count; id++)
        {
            if (!_allowed[id])
            {
                continue;
            }

            last = id;
            target -= Math.Exp((logits[id] - max) / _temperature);
            if (target <= 0)
            {
                return (LLamaToken)id;
            }
        }

        return last;
    }
}
