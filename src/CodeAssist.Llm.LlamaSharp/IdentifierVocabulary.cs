using System.Collections.Concurrent;
using System.Text;
using CodeAssist.Llm;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// The vocabulary seen as text, indexed for compiler-guided decoding: token texts sorted ordinally (so all tokens that
/// start with a string are one range), and the tokens that contain an identifier grouped by the characters before it
/// (".Count" is lead "." and identifier "Count"). Built once per model, on first use; then read by one generation at a
/// time, except the per-site cache, which is concurrent.
/// </summary>
internal sealed class IdentifierVocabulary
{
    /// <summary>Stands for the text of a token that is not whole UTF-8 or is a control token: never part of a name.</summary>
    public const string Opaque = "\uFFFD";

    private const int MaxCachedSites = 256;
    private readonly string[] _texts;
    private readonly string[] _sortedTexts;
    private readonly int[] _sortedIds;
    private readonly int[] _nonIdentifierStart;
    private readonly ConcurrentDictionary<(string Key, long Fingerprint), SiteNames> _sites = new();

    public IdentifierVocabulary(IReadOnlyList<string> texts)
    {
        _texts = [.. texts];
        var order = Enumerable.Range(0, _texts.Length).Where(i => _texts[i] != Opaque).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(_texts[a], _texts[b]));
        _sortedIds = order;
        _sortedTexts = order.Select(i => _texts[i]).ToArray();
        _nonIdentifierStart = Enumerable.Range(0, _texts.Length).Where(i => !IsIdentifierPart(_texts[i][0])).ToArray();
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int id = 0; id < _texts.Length; id++)
        {
            int lead = LeadLength(_texts[id]);
            if (lead < _texts[id].Length)
            {
                string key = _texts[id][..lead];
                if (!groups.TryGetValue(key, out List<int>? members))
                {
                    groups[key] = members = [];
                }

                members.Add(id);
            }
        }

        LeadGroups = groups.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal);
        WithoutIdentifier = Enumerable.Range(0, _texts.Length).Where(id => _texts[id] != Opaque && LeadLength(_texts[id]) == _texts[id].Length).ToArray();
    }

    public int Count => _texts.Length;

    /// <summary>Tokens with no identifier in them (punctuation, whitespace, numbers): valid wherever no name is required.</summary>
    public IReadOnlyList<int> WithoutIdentifier { get; private set; } = [];

    /// <summary>Tokens that contain an identifier, by the non-identifier characters before it.</summary>
    public IReadOnlyDictionary<string, int[]> LeadGroups { get; }

    /// <summary>Tokens whose text starts with a character that cannot continue an identifier (they end one).</summary>
    public IReadOnlyList<int> NonIdentifierStart => _nonIdentifierStart;

    public string TextOf(int token) => (uint)token < (uint)_texts.Length ? _texts[token] : Opaque;

    public static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    /// <summary>
    /// How many characters of <paramref name="text"/> come before its first identifier: a digit does not start one,
    /// so a number ("42", " 10") is lead only and never enters a site.
    /// </summary>
    public static int LeadLength(string text)
    {
        int i = 0;
        while (i < text.Length && !(text[i] == '_' || char.IsLetter(text[i])))
        {
            i++;
        }

        return i;
    }

    /// <summary>How many identifier characters <paramref name="text"/> has from <paramref name="start"/>.</summary>
    public static int IdentifierLength(string text, int start)
    {
        int i = start;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        return i - start;
    }

    /// <summary>Reads the token texts from a loaded model (control and partial-UTF-8 tokens become <see cref="Opaque"/>).</summary>
    public static IdentifierVocabulary FromTokenBytes(int count, Func<int, byte[]> bytesOf)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var texts = new string[count];
        for (int id = 0; id < count; id++)
        {
            byte[] bytes = bytesOf(id);
            try
            {
                texts[id] = bytes.Length == 0 ? Opaque : strict.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                texts[id] = Opaque;
            }
        }

        return new IdentifierVocabulary(texts);
    }

    /// <summary>The sorted names of <paramref name="site"/>, built once per key and name list and kept for later generations.</summary>
    public SiteNames NamesOf(IdentifierSite site)
    {
        var key = (site.Key, SiteNames.Fingerprint(site.Names));
        if (_sites.TryGetValue(key, out SiteNames? names))
        {
            return names;
        }

        if (_sites.Count >= MaxCachedSites)
        {
            _sites.Clear();
        }

        return _sites.GetOrAdd(key, _ => new SiteNames(site.Names));
    }

    /// <summary>
    /// The tokens that may follow <paramref name="lead"/> + <paramref name="partial"/> inside one of
    /// <paramref name="names"/>: tokens that spell more of a name, and tokens that finish a name and go on with a
    /// non-identifier character ("Stock(", "Items."). When <paramref name="partial"/> is already a whole name, the
    /// tokens that start with a non-identifier character are allowed too; they are not listed here (see
    /// <see cref="NonIdentifierStart"/>). Computed once per site and written part, so a receiver type's filter is
    /// reused by every generation that meets it.
    /// </summary>
    public int[] Allowed(SiteNames names, string partial, string lead) =>
        names.Cached(partial, lead, () => Walk(names.Sorted, partial, lead));

    /// <summary>
    /// Walks the sorted names and the sorted token texts together, one character at a time: both stay ranges of
    /// strings sharing the prefix walked so far, and a branch ends where no token goes on, so the cost is the part of
    /// the names that tokens can spell, not every prefix of every name searched in the whole vocabulary.
    /// </summary>
    public int[] Walk(string[] names, string partial, string lead)
    {
        var ids = new List<int>();
        var (nameLow, nameHigh) = (0, names.Length);
        for (int depth = 0; depth < partial.Length && nameLow < nameHigh; depth++)
        {
            (nameLow, nameHigh) = CharRange(names, nameLow, nameHigh, depth, partial[depth]);
        }

        var (tokenLow, tokenHigh) = (0, _sortedTexts.Length);
        for (int depth = 0; depth < lead.Length && tokenLow < tokenHigh; depth++)
        {
            (tokenLow, tokenHigh) = CharRange(_sortedTexts, tokenLow, tokenHigh, depth, lead[depth]);
        }

        if (nameLow < nameHigh && tokenLow < tokenHigh)
        {
            Visit(names, (nameLow, nameHigh, partial.Length), (tokenLow, tokenHigh, lead.Length), atStart: true, ids);
        }

        return [.. ids];
    }

    private void Visit(string[] names, (int Low, int High, int Depth) name, (int Low, int High, int Depth) token, bool atStart, List<int> ids)
    {
        // In each range every string starts with the walked prefix, and the one equal to it sorts first.
        int tokensGoingOn = UpperBound(_sortedTexts, token.Low, token.High, token.Depth, -1);
        if (!atStart)
        {
            // Tokens equal to the prefix (a vocabulary may spell one text twice).
            for (int index = token.Low; index < tokensGoingOn; index++)
            {
                ids.Add(_sortedIds[index]);
            }

            if (names[name.Low].Length == name.Depth)
            {
                AddEnders(token, ids);
            }
        }

        int next = names[name.Low].Length == name.Depth ? name.Low + 1 : name.Low;
        while (next < name.High)
        {
            char c = names[next][name.Depth];
            int groupEnd = UpperBound(names, next, name.High, name.Depth, c);
            var (low, high) = CharRange(_sortedTexts, tokensGoingOn, token.High, token.Depth, c);
            if (low < high)
            {
                Visit(names, (next, groupEnd, name.Depth + 1), (low, high, token.Depth + 1), atStart: false, ids);
            }

            next = groupEnd;
        }
    }

    /// <summary>Adds the tokens of the range that go on with a non-identifier character after its prefix.</summary>
    private void AddEnders((int Low, int High, int Depth) token, List<int> ids)
    {
        int next = UpperBound(_sortedTexts, token.Low, token.High, token.Depth, -1);
        while (next < token.High)
        {
            char c = _sortedTexts[next][token.Depth];
            int groupEnd = UpperBound(_sortedTexts, next, token.High, token.Depth, c);
            if (!IsIdentifierPart(c))
            {
                for (int index = next; index < groupEnd; index++)
                {
                    ids.Add(_sortedIds[index]);
                }
            }

            next = groupEnd;
        }
    }

    /// <summary>The part of a range (all sharing a prefix of <paramref name="depth"/> characters) with <paramref name="c"/> next.</summary>
    private static (int Low, int High) CharRange(string[] sorted, int low, int high, int depth, char c) =>
        (LowerBound(sorted, low, high, depth, c), UpperBound(sorted, low, high, depth, c));

    private static int LowerBound(string[] sorted, int low, int high, int depth, int c)
    {
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (CharAt(sorted[middle], depth) < c)
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

    private static int UpperBound(string[] sorted, int low, int high, int depth, int c)
    {
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (CharAt(sorted[middle], depth) <= c)
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

    /// <summary>The character at <paramref name="depth"/>, or -1 for a string that ends before it (it sorts first).</summary>
    private static int CharAt(string text, int depth) => depth < text.Length ? text[depth] : -1;
}
