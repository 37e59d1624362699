namespace CodeAssist.Gguf;

/// <summary>
/// Deterministic weights: each row is drawn from its own SplitMix64 stream seeded by (seed, tensor name, row), so the
/// same seed gives the same file whatever the order of writing.
/// </summary>
public static class RandomWeights
{
    public static Action<long, Span<float>> Uniform(int seed, string tensorName, float range)
    {
        ulong tensorSeed = (ulong)seed * 0x9E3779B97F4A7C15UL ^ Fnv1a(tensorName);
        return (row, values) =>
        {
            ulong state = tensorSeed + ((ulong)row * 0xD1B54A32D192ED03UL);
            for (int i = 0; i < values.Length; i++)
            {
                ulong bits = Next(ref state);
                float unit = (bits >> 40) * (1f / (1 << 24));
                values[i] = ((unit * 2) - 1) * range;
            }
        };
    }

    public static Action<long, Span<float>> Constant(float value) => (_, values) => values.Fill(value);

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
