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

    private const int MaxCachedSites = 4096;
    private readonly string[] _texts;
    private readonly string[] _sortedTexts;
    private readonly int[] _sortedIds;
    private readonly int[] _nonIdentifierStart;
    private readonly ConcurrentDictionary<(string Key, string Partial, string Lead), int[]> _allowed = new();

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

    /// <summary>
    /// The tokens that may follow <paramref name="lead"/> + <paramref name="partial"/> inside a name of
    /// <paramref name="site"/>: tokens that spell more of a name, and tokens that finish a name and go on with a
    /// non-identifier character ("Stock(", "Items."). When <paramref name="partial"/> is already a whole name, the
    /// tokens that start with a non-identifier character are allowed too; they are not listed here (see
    /// <see cref="NonIdentifierStart"/>). Cached per site key, so a receiver type's filter is computed once.
    /// </summary>
    public int[] Allowed(IdentifierSite site, string partial, string lead)
    {
        if (_allowed.TryGetValue((site.Key, partial, lead), out int[]? cached))
        {
            return cached;
        }

        var ids = new HashSet<int>();
        foreach (string name in site.Names)
        {
            if (name.Length <= partial.Length || !name.StartsWith(partial, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = name[partial.Length..];
            for (int length = 1; length <= rest.Length; length++)
            {
                AddRange(lead + rest[..length], ids, requireEnd: false);
            }

            AddRange(lead + rest, ids, requireEnd: true);
        }

        int[] allowed = [.. ids];
        if (_allowed.Count >= MaxCachedSites)
        {
            _allowed.Clear();
        }

        _allowed[(site.Key, partial, lead)] = allowed;
        return allowed;
    }

    /// <summary>Adds the token equal to <paramref name="text"/>, or (requireEnd) those that go on with a non-identifier character.</summary>
    private void AddRange(string text, HashSet<int> ids, bool requireEnd)
    {
        int index = LowerBound(text);
        for (; index < _sortedTexts.Length && _sortedTexts[index].StartsWith(text, StringComparison.Ordinal); index++)
        {
            string candidate = _sortedTexts[index];
            if (requireEnd ? candidate.Length > text.Length && !IsIdentifierPart(candidate[text.Length]) : candidate.Length == text.Length)
            {
                ids.Add(_sortedIds[index]);
            }

            if (!requireEnd && candidate.Length > text.Length)
            {
                break;
            }
        }
    }

    private int LowerBound(string text)
    {
        int low = 0;
        int high = _sortedTexts.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (string.CompareOrdinal(_sortedTexts[middle], text) < 0)
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
