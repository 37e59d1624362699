namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>The guide's rules on a hand-made vocabulary, including tokens that span a name's start or end.</summary>
public sealed class IdentifierGuideTests
{
    private static readonly string[] s_texts = ["Stock", "Sto", "ck", "Stock(", "Stokc", ".", ".Stock", ".Stokc", "Items.", "Items", ";", " ", "k", "Level", IdentifierVocabulary.Opaque];
    private static readonly IdentifierSite s_order = new("Order", ["Stock", "StockLevel", "Items"]);

    private static int Id(string text) => Array.IndexOf(s_texts, text);

    private static IdentifierGuide Guide(Func<string, IdentifierSite?> sites) =>
        new(new IdentifierConstraint(sites), new IdentifierVocabulary(s_texts));

    /// <summary>A site after every "." of the generated text, as the completion path supplies for member access.</summary>
    private static IdentifierSite? AfterDot(string text) => text.EndsWith('.') ? s_order : null;

    [Theory]
    [InlineData("Stock", true)]
    [InlineData("Sto", true)]
    [InlineData("Stock(", true)]
    [InlineData("Items.", true)]
    [InlineData("Stokc", false)]
    [InlineData(";", false)]
    [InlineData(" ", false)]
    [InlineData(".Stock", false)]
    public void AtARequiredSite_OnlyTokensSpellingANameAreAllowed(string token, bool allowed)
    {
        IdentifierGuide guide = Guide(t => t.Length == 0 ? s_order : null);

        Assert.Equal(allowed, guide.Allows(Id(token), endsGeneration: false));
        Assert.False(guide.Allows(0, endsGeneration: true));
    }

    [Fact]
    public void TokenWithTheTrigger_IsCheckedAgainstTheSiteAfterIt()
    {
        IdentifierGuide guide = Guide(AfterDot);

        Assert.True(guide.Allows(Id(".Stock"), endsGeneration: false));
        Assert.False(guide.Allows(Id(".Stokc"), endsGeneration: false));
        Assert.True(guide.Allows(Id("Stokc"), endsGeneration: false)); // no site before any "."
    }

    [Fact]
    public void InsideAName_EndingIsAllowedOnlyWhenTheNameIsWhole()
    {
        IdentifierGuide guide = Guide(AfterDot);
        guide.Accept(Id("."), replaced: false);
        guide.Accept(Id("Sto"), replaced: false);

        Assert.False(guide.Allows(0, endsGeneration: true));
        Assert.False(guide.Allows(Id(";"), endsGeneration: false));
        Assert.True(guide.Allows(Id("ck"), endsGeneration: false));

        guide.Accept(Id("ck"), replaced: false);
        Assert.True(guide.Allows(0, endsGeneration: true));
        Assert.True(guide.Allows(Id(";"), endsGeneration: false));
        Assert.True(guide.Allows(Id("Level"), endsGeneration: false));
        Assert.False(guide.Allows(Id("k"), endsGeneration: false));
    }

    [Fact]
    public void Fill_InsideAName_ListsContinuationsAndAfterAWholeNameTheEnders()
    {
        IdentifierGuide guide = Guide(AfterDot);
        guide.Accept(Id("."), replaced: false);
        var allowed = new bool[s_texts.Length];

        guide.Fill(allowed);
        Assert.Equal(["Stock", "Sto", "Stock(", "Items.", "Items"], Allowed(allowed));

        guide.Accept(Id("Items"), replaced: true);
        guide.Fill(allowed);
        Assert.Equal([".", ".Stock", ".Stokc", ";", " ", IdentifierVocabulary.Opaque], Allowed(allowed));
        Assert.Equal(1, guide.Replaced);
    }

    [Fact]
    public void AfterAChainTheModelWrote_TheNextMemberIsCheckedToo()
    {
        IdentifierGuide guide = Guide(AfterDot);
        guide.Accept(Id(".Stock"), replaced: false);
        guide.Accept(Id("."), replaced: false);

        Assert.False(guide.Allows(Id("Stokc"), endsGeneration: false));
        Assert.True(guide.Allows(Id("Items"), endsGeneration: false));
    }

    private static string[] Allowed(bool[] allowed) => s_texts.Where((_, i) => allowed[i]).ToArray();
}
