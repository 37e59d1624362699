namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// The names of one identifier site sorted ordinally, so that every name starting with a string is one range: prefix
/// and name tests are binary searches, and <see cref="IdentifierVocabulary.Allowed"/> walks these ranges together with
/// the vocabulary's. Built once per site (a receiver type's members, the names in scope) and kept by the vocabulary;
/// the token lists computed from it are kept here, per written part of the name.
/// </summary>
internal sealed class SiteNames
{
    private const int MaxCachedLists = 64;
    private readonly Dictionary<(string Partial, string Lead), int[]> _allowed = [];
    private readonly Lock _lock = new();

    public SiteNames(IEnumerable<string> names)
    {
        Sorted = [.. names.Where(name => name.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public string[] Sorted { get; }

    /// <summary>An order-sensitive 64-bit digest of a name list: the same list again finds the same entry.</summary>
    public static long Fingerprint(IReadOnlyList<string> names)
    {
        ulong hash = 14695981039346656037UL ^ (ulong)names.Count;
        foreach (string name in names)
        {
            hash = (hash ^ (uint)StringComparer.Ordinal.GetHashCode(name)) * 1099511628211UL;
            hash = (hash ^ (ulong)name.Length) * 1099511628211UL;
        }

        return (long)hash;
    }

    public bool IsName(string written)
    {
        int index = LowerBound(written);
        return index < Sorted.Length && string.Equals(Sorted[index], written, StringComparison.Ordinal);
    }

    /// <summary>Whether some name starts with <paramref name="written"/> (a whole name counts).</summary>
    public bool IsPrefix(string written)
    {
        int index = LowerBound(written);
        return index < Sorted.Length && Sorted[index].StartsWith(written, StringComparison.Ordinal);
    }

    /// <summary>The token list for (<paramref name="partial"/>, <paramref name="lead"/>), computed once.</summary>
    public int[] Cached(string partial, string lead, Func<int[]> compute)
    {
        lock (_lock)
        {
            if (_allowed.TryGetValue((partial, lead), out int[]? cached))
            {
                return cached;
            }
        }

        int[] allowed = compute();
        lock (_lock)
        {
            if (_allowed.Count >= MaxCachedLists)
            {
                _allowed.Clear();
            }

            _allowed[(partial, lead)] = allowed;
        }

        return allowed;
    }

    private int LowerBound(string text)
    {
        int low = 0;
        int high = Sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (string.CompareOrdinal(Sorted[middle], text) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
