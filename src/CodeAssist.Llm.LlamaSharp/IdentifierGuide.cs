using System.Text;
using CodeAssist.Llm;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Compiler-guided decoding for one generation: follows the generated text and knows whether it is inside an
/// identifier at a constrained site (and how much of the name it has written). A token is allowed unless it would
/// write a name the site does not have: it enters a site with a wrong start, leaves a site in the middle of a name,
/// or ends generation there. Tokens that span a name's end ("Stock(", "Items.") are allowed when the name is whole.
/// </summary>
internal sealed class IdentifierGuide
{
    private readonly IdentifierConstraint _constraint;
    private readonly IdentifierVocabulary _vocabulary;
    private readonly StringBuilder _generated = new();

    // Sites asked for during the current step, by lead: the generated text does not change within a step.
    private readonly Dictionary<string, IdentifierSite?> _stepSites = new(StringComparer.Ordinal);
    // A site's names sorted for prefix tests, per name list (a site provider returns the same list for the same site):
    // a site in expression position has thousands, and the vocabulary keeps them for later generations.
    private readonly Dictionary<IReadOnlyList<string>, SiteNames> _names = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IReadOnlyList<string>, SiteNames> _introduced = new(ReferenceEqualityComparer.Instance);
    private IdentifierSite? _site;
    private string _partial = "";

    public IdentifierGuide(IdentifierConstraint constraint, IdentifierVocabulary vocabulary)
    {
        _constraint = constraint;
        _vocabulary = vocabulary;
        IdentifierSite? start = SiteAfter("");
        if (start is { Typed.Length: > 0 })
        {
            _site = start;
            _partial = start.Typed;
        }
    }

    /// <summary>Tokens that were sampled but not allowed, and replaced by an allowed one.</summary>
    public int Replaced { get; private set; }

    /// <summary>Whether <paramref name="token"/> may come next; <paramref name="endsGeneration"/> for end and stop tokens.</summary>
    public bool Allows(int token, bool endsGeneration)
    {
        if (endsGeneration)
        {
            // Where an identifier is optional (a statement may start after ";"), the generation may end.
            return _site is null ? SiteAfter("") is not { Required: true } : IsName(_site, _partial);
        }

        string text = _vocabulary.TextOf(token);
        if (_site is not null)
        {
            return Continues(_site, _partial, text);
        }

        int lead = IdentifierVocabulary.LeadLength(text);
        if (lead > 0 && SiteAfter("") is { Required: true })
        {
            return false;
        }

        if (lead == text.Length || ContinuesWord(text))
        {
            return true;
        }

        IdentifierSite? site = SiteAfter(text[..lead]);
        return site is null || Continues(site, "", text[lead..]);
    }

    /// <summary>
    /// Whether any token without an identifier may come next (not inside a name, no name required): then such a
    /// token is always a valid replacement, without building the whole allowed set.
    /// </summary>
    public bool OutsideRequiredName => _site is null && SiteAfter("") is not { Required: true };

    /// <summary>
    /// The tokens that may come next, as disjoint lists, where a name is being written or must start (end tokens are
    /// asked for separately); null elsewhere, where nearly every token may come and <see cref="Fill"/> answers.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>>? AllowedLists()
    {
        if (_site is not null)
        {
            var lists = new List<IReadOnlyList<int>>(3);
            AddAllowed(lists, _site, _partial, "");
            if (IsName(_site, _partial))
            {
                lists.Add(_vocabulary.NonIdentifierStart);
            }

            return lists;
        }

        if (SiteAfter("") is { Required: true } required)
        {
            var lists = new List<IReadOnlyList<int>>(2);
            AddAllowed(lists, required, "", "");
            return lists;
        }

        return null;
    }

    /// <summary>Marks in <paramref name="allowed"/> every token that may come next (end tokens are asked for separately).</summary>
    public void Fill(Span<bool> allowed)
    {
        if (AllowedLists() is { } lists)
        {
            allowed.Clear();
            foreach (IReadOnlyList<int> list in lists)
            {
                foreach (int id in list)
                {
                    allowed[id] = true;
                }
            }

            return;
        }

        allowed.Fill(true);
        var leadLists = new List<IReadOnlyList<int>>(2);
        foreach ((string lead, int[] group) in _vocabulary.LeadGroups)
        {
            if (ContinuesWord(lead.Length == 0 ? "_" : lead) || SiteAfter(lead) is not { } site)
            {
                continue;
            }

            foreach (int id in group)
            {
                allowed[id] = false;
            }

            leadLists.Clear();
            AddAllowed(leadLists, site, "", lead);
            foreach (IReadOnlyList<int> list in leadLists)
            {
                foreach (int id in list)
                {
                    allowed[id] = true;
                }
            }
        }
    }

    /// <summary>
    /// Adds the tokens that go on with a name of <paramref name="site"/>: those of its long-lived names (kept by the
    /// vocabulary), then those that only the names the generation introduced allow.
    /// </summary>
    private void AddAllowed(List<IReadOnlyList<int>> lists, IdentifierSite site, string partial, string lead)
    {
        SiteNames names = NamesOf(site);
        lists.Add(_vocabulary.Allowed(names, partial, lead));
        if (IntroducedOf(site) is not { } introduced)
        {
            return;
        }

        int[] more = [.. _vocabulary.Walk(introduced.Sorted, partial, lead).Where(id => !Continues(names, partial, _vocabulary.TextOf(id)[lead.Length..]))];
        if (more.Length > 0)
        {
            lists.Add(more);
        }
    }

    /// <summary>Moves past the chosen token.</summary>
    public void Accept(int token, bool replaced)
    {
        if (replaced)
        {
            Replaced++;
        }

        string text = _vocabulary.TextOf(token);
        if (_site is null)
        {
            int lead = IdentifierVocabulary.LeadLength(text);
            if (lead < text.Length && !ContinuesWord(text) && SiteAfter(text[..lead]) is { } site)
            {
                Enter(site, "", text[lead..]);
            }
        }
        else
        {
            Enter(_site, _partial, text);
        }

        _generated.Append(text);
        _stepSites.Clear();
        if (_introduced.Count > 64)
        {
            _introduced.Clear();
        }
    }

    private void Enter(IdentifierSite site, string partial, string text)
    {
        int identifier = IdentifierVocabulary.IdentifierLength(text, 0);
        (_site, _partial) = identifier == text.Length ? (site, partial + text) : (null, "");
    }

    private bool Continues(IdentifierSite site, string partial, string text) =>
        Continues(NamesOf(site), partial, text) || (IntroducedOf(site) is { } introduced && Continues(introduced, partial, text));

    private static bool Continues(SiteNames names, string partial, string text)
    {
        int identifier = IdentifierVocabulary.IdentifierLength(text, 0);
        string written = partial + text[..identifier];
        return identifier == text.Length
            ? written.Length > 0 && names.IsPrefix(written)
            : names.IsName(written);
    }

    private bool IsName(IdentifierSite site, string written) =>
        NamesOf(site).IsName(written) || (IntroducedOf(site) is { } introduced && introduced.IsName(written));

    private SiteNames NamesOf(IdentifierSite site)
    {
        if (!_names.TryGetValue(site.Names, out SiteNames? names))
        {
            _names[site.Names] = names = _vocabulary.NamesOf(site);
        }

        return names;
    }

    /// <summary>The names the generation introduced, sorted; a new list comes with each site asked for, so they are kept per step.</summary>
    private SiteNames? IntroducedOf(IdentifierSite site)
    {
        if (site.Introduced.Count == 0)
        {
            return null;
        }

        if (!_introduced.TryGetValue(site.Introduced, out SiteNames? names))
        {
            _introduced[site.Introduced] = names = new SiteNames(site.Introduced);
        }

        return names;
    }

    /// <summary>Whether <paramref name="text"/> goes on with the identifier (or number) the generated text ends in.</summary>
    private bool ContinuesWord(string text) =>
        _generated.Length > 0 && text.Length > 0 && IdentifierVocabulary.IsIdentifierPart(_generated[^1]) && IdentifierVocabulary.IsIdentifierPart(text[0]);

    private IdentifierSite? SiteAfter(string lead)
    {
        if (!_stepSites.TryGetValue(lead, out IdentifierSite? site))
        {
            site = _constraint.SiteAfter(_generated + lead);
            if (site is { Names.Count: 0 })
            {
                site = null;
            }

            _stepSites[lead] = site;
        }

        return site;
    }
}
