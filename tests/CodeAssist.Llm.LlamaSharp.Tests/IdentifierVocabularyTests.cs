using CsCheck;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// The vocabulary's token lists for a site: walked over the sorted names and tokens together, they must be exactly
/// the tokens the guide's rule allows (checked token by token), and kept per site without going stale.
/// </summary>
public sealed class IdentifierVocabularyTests
{
    // Few letters, so that names and tokens share prefixes, and the characters that end or lead a name.
    private static readonly Gen<string> s_name = Gen.String[Gen.Char["abAB_1"], 1, 6].Where(name => !char.IsAsciiDigit(name[0]));
    private static readonly Gen<string> s_token = Gen.OneOf(
        Gen.String[Gen.Char["abAB_1"], 1, 5],
        Gen.Select(Gen.String[Gen.Char["abAB_1"], 1, 4], Gen.Char[".( ;"], (word, end) => word + end),
        Gen.Select(Gen.Char[". ("], Gen.String[Gen.Char["abAB_1"], 1, 4], (lead, word) => lead + word),
        Gen.String[Gen.Char[".( ;"], 1, 2]);

    [Fact]
    public void Walk_ListsExactlyTheTokensThatGoOnWithAName()
    {
        Gen.Select(s_token.Array[1, 60], s_name.Array[1, 12], Gen.String[Gen.Char["abAB"], 0, 2], Gen.Int[0, 3].Select(i => new[] { "", ".", " ", "(" }[i]))
            .Sample((tokens, names, partial, lead) =>
            {
                var vocabulary = new IdentifierVocabulary(tokens);
                var expected = Enumerable.Range(0, tokens.Length).Where(id => Allows(tokens[id], names, partial, lead)).Order();

                var walked = vocabulary.Walk([.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], partial, lead).Order();

                return expected.SequenceEqual(walked);
            }, iter: 3000);
    }

    [Fact]
    public void Allowed_IsKeptPerSiteAndNames_SoAChangedSiteUnderTheSameKeyIsNotServedStale()
    {
        var vocabulary = new IdentifierVocabulary(["Stock", "Total", "Sto", "Tot"]);
        var before = new IdentifierSite("scope", ["Stock"]);
        var again = new IdentifierSite("scope", ["Stock"]);
        var edited = new IdentifierSite("scope", ["Total"]);

        int[] first = vocabulary.Allowed(vocabulary.NamesOf(before), "", "");

        Assert.Same(vocabulary.NamesOf(before), vocabulary.NamesOf(again));
        Assert.Same(first, vocabulary.Allowed(vocabulary.NamesOf(again), "", ""));
        Assert.Equal([0, 2], first.Order());
        Assert.Equal([1, 3], vocabulary.Allowed(vocabulary.NamesOf(edited), "", "").Order());
    }

    /// <summary>The rule, token by token: lead, then an identifier that is a prefix of a name, or a whole name and a non-identifier character.</summary>
    private static bool Allows(string token, string[] names, string partial, string lead)
    {
        if (!token.StartsWith(lead, StringComparison.Ordinal))
        {
            return false;
        }

        string rest = token[lead.Length..];
        int identifier = IdentifierVocabulary.IdentifierLength(rest, 0);
        if (identifier == 0)
        {
            return false;
        }

        string written = partial + rest[..identifier];
        return identifier == rest.Length
            ? names.Any(name => name.StartsWith(written, StringComparison.Ordinal))
            : names.Contains(written, StringComparer.Ordinal);
    }
}
