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
    // Every prefix of every name (and the whole names) per site key: a site in expression position has thousands.
    private readonly Dictionary<string, (HashSet<string> Prefixes, HashSet<string> Names)> _nameSets = new(StringComparer.Ordinal);
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

    /// <summary>Marks in <paramref name="allowed"/> every token that may come next (end tokens are asked for separately).</summary>
    public void Fill(Span<bool> allowed)
    {
        if (_site is not null)
        {
            allowed.Clear();
            foreach (int id in _vocabulary.Allowed(_site, _partial, ""))
            {
                allowed[id] = true;
            }

            if (IsName(_site, _partial))
            {
                foreach (int id in _vocabulary.NonIdentifierStart)
                {
                    allowed[id] = true;
                }
            }

            return;
        }

        if (SiteAfter("") is { Required: true } required)
        {
            allowed.Clear();
            foreach (int id in _vocabulary.Allowed(required, "", ""))
            {
                allowed[id] = true;
            }

            return;
        }

        allowed.Fill(true);
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

            foreach (int id in _vocabulary.Allowed(site, "", lead))
            {
                allowed[id] = true;
            }
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
    }

    private void Enter(IdentifierSite site, string partial, string text)
    {
        int identifier = IdentifierVocabulary.IdentifierLength(text, 0);
        (_site, _partial) = identifier == text.Length ? (site, partial + text) : (null, "");
    }

    private bool Continues(IdentifierSite site, string partial, string text)
    {
        int identifier = IdentifierVocabulary.IdentifierLength(text, 0);
        string written = partial + text[..identifier];
        return identifier == text.Length
            ? written.Length > 0 && NameSets(site).Prefixes.Contains(written)
            : IsName(site, written);
    }

    private bool IsName(IdentifierSite site, string written) => NameSets(site).Names.Contains(written);

    private (HashSet<string> Prefixes, HashSet<string> Names) NameSets(IdentifierSite site)
    {
        if (!_nameSets.TryGetValue(site.Key, out var sets))
        {
            var prefixes = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in site.Names)
            {
                for (int length = 1; length <= name.Length; length++)
                {
                    prefixes.Add(name[..length]);
                }
            }

            _nameSets[site.Key] = sets = (prefixes, new HashSet<string>(site.Names, StringComparer.Ordinal));
        }

        return sets;
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
