using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Picks a replacement for a sampled token that the <see cref="IdentifierGuide"/> does not allow: the most likely
/// allowed token at temperature 0, else a draw from the model's distribution restricted to the allowed tokens. Since
/// the first draw came from the whole distribution and only a disallowed one is drawn again, the result follows
/// exactly the restricted distribution (top-k/top-p of the pipeline do not apply to the second draw).
/// </summary>
internal sealed class ConstrainedChoice
{
    private readonly bool[] _allowed;
    private readonly IReadOnlyList<int> _endTokens;
    private readonly float _temperature;
    private readonly Random _random;

    public ConstrainedChoice(int vocabularySize, IReadOnlyList<int> endTokens, float temperature, uint seed)
    {
        _allowed = new bool[vocabularySize];
        _endTokens = endTokens;
        _temperature = temperature;
        _random = new Random((int)seed);
    }

    /// <summary>The chosen token, or null when nothing is allowed (the caller keeps the model's token).</summary>
    public LLamaToken? Choose(IdentifierGuide guide, ReadOnlySpan<float> logits, IReadOnlySet<LLamaToken> stopTokens)
    {
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
