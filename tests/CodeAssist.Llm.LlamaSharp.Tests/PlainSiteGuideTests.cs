namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// The guide at sites where an identifier is optional (expression position, arguments, type arguments): names must
/// be valid, but numbers, other code and the end of generation stay possible, and tokens may span a name's end.
/// </summary>
public sealed class PlainSiteGuideTests
{
    private static readonly string[] s_texts = ["total", "tot", "al;", "total;", "totl", " ", "42", " 42", "=", ";", " total", " totl", "(", "x", IdentifierVocabulary.Opaque];
    private static readonly IdentifierSite s_scope = new("scope", ["total", "order", "new", "null"]) { Required = false };

    private static int Id(string text) => Array.IndexOf(s_texts, text);

    /// <summary>A site after every "=" or "= " of the generated text.</summary>
    private static IdentifierGuide Guide() =>
        new(new IdentifierConstraint(text => text.TrimEnd().EndsWith('=') ? s_scope : null), new IdentifierVocabulary(s_texts));

    [Theory]
    [InlineData("total", true)]
    [InlineData("tot", true)]
    [InlineData("total;", true)]   // spans the name's end
    [InlineData("totl", false)]
    [InlineData("42", true)]       // a number is no identifier
    [InlineData(" 42", true)]
    [InlineData(" total", true)]
    [InlineData(" totl", false)]
    [InlineData("(", true)]        // other code may follow
    public void AfterAnOperator_NamesAreChecked_OtherCodeIsFree(string token, bool allowed)
    {
        IdentifierGuide guide = Guide();
        guide.Accept(Id("x"), replaced: false);
        guide.Accept(Id(" "), replaced: false);
        guide.Accept(Id("="), replaced: false);

        Assert.Equal(allowed, guide.Allows(Id(token), endsGeneration: false));
    }

    [Fact]
    public void OptionalSite_GenerationMayEndBeforeIt_ButNotInsideAName()
    {
        IdentifierGuide guide = Guide();
        guide.Accept(Id("x"), replaced: false);
        guide.Accept(Id("="), replaced: false);
        Assert.True(guide.Allows(0, endsGeneration: true));

        guide.Accept(Id("tot"), replaced: false);
        Assert.False(guide.Allows(0, endsGeneration: true));
        Assert.True(guide.Allows(Id("al;"), endsGeneration: false));

        guide.Accept(Id("al;"), replaced: false);
        Assert.True(guide.Allows(0, endsGeneration: true));
    }

    [Fact]
    public void Fill_AtAnOptionalSite_KeepsNumbersAndRefusesOnlyUnknownNames()
    {
        IdentifierGuide guide = Guide();
        guide.Accept(Id("x"), replaced: false);
        guide.Accept(Id("="), replaced: false);
        var allowed = new bool[s_texts.Length];

        guide.Fill(allowed);

        Assert.True(allowed[Id("total;")]);
        Assert.True(allowed[Id(" total")]);
        Assert.True(allowed[Id(" 42")]);
        Assert.True(allowed[Id("(")]);
        Assert.False(allowed[Id("totl")]);
        Assert.False(allowed[Id(" totl")]);
    }

    [Fact]
    public void DigitsContinuingAName_AreCheckedAsPartOfIt()
    {
        var guide = new IdentifierGuide(
            new IdentifierConstraint(text => text.Length == 0 ? new IdentifierSite("tuple", ["Item2"]) : null),
            new IdentifierVocabulary(["Item", "2", "3", ";"]));
        guide.Accept(0, replaced: false);

        Assert.True(guide.Allows(1, endsGeneration: false));
        Assert.False(guide.Allows(2, endsGeneration: false));
    }
}
