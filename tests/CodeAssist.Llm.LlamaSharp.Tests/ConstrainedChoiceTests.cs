using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>The replacement for a token the guide refused, chosen among the allowed ones by the model's logits.</summary>
public sealed class ConstrainedChoiceTests
{
    private static readonly string[] s_texts = ["Stock", "Sto", "Stokc", "ck", ";", " ", "Items", "Items.", "<end>", "x"];
    private static readonly IdentifierSite s_order = new("Order", ["Stock", "Items"]);
    private static readonly IReadOnlySet<LLamaToken> s_noStops = new HashSet<LLamaToken>();
    private const int End = 8;

    private static int Id(string text) => Array.IndexOf(s_texts, text);

    private static IdentifierGuide Guide() =>
        new(new IdentifierConstraint(text => text.Length == 0 || text.EndsWith('.') ? s_order : null), new IdentifierVocabulary(s_texts));

    private static ConstrainedChoice Choice(float temperature = 0, uint seed = 1) => new(s_texts.Length, [End], temperature, seed, [Id(";"), Id(" ")]);

    /// <summary>Logits that rank the tokens in the given order, best first.</summary>
    private static float[] Ranking(params string[] order)
    {
        var logits = Enumerable.Repeat(-10f, s_texts.Length).ToArray();
        for (int rank = 0; rank < order.Length; rank++)
        {
            logits[Id(order[rank])] = 10 - rank;
        }

        return logits;
    }

    [Fact]
    public void AtARequiredSite_TheLikeliestTokenThatSpellsAName()
    {
        LLamaToken? chosen = Choice().Choose(Guide(), Ranking("Stokc", ";", "<end>", "Items.", "Sto"), s_noStops);

        Assert.Equal(Id("Items."), (int?)chosen);
    }

    [Fact]
    public void InsideAName_TheEndIsRefused_AfterAWholeNameItMayWin()
    {
        IdentifierGuide guide = Guide();
        guide.Accept(Id("Sto"), replaced: false);
        Assert.Equal(Id("ck"), (int?)Choice().Choose(guide, Ranking("<end>", ";", "ck"), s_noStops));

        guide.Accept(Id("ck"), replaced: false);
        Assert.Equal(End, (int?)Choice().Choose(guide, Ranking("<end>", ";", "x"), s_noStops));
        Assert.Equal(Id(";"), (int?)Choice().Choose(guide, Ranking("x", ";", "<end>"), s_noStops));
    }

    [Fact]
    public void WithTemperature_EveryDrawIsAnAllowedToken_AndTheLikelyOnesComeUp()
    {
        var drawn = new HashSet<int>();
        for (uint seed = 1; seed <= 200; seed++)
        {
            var logits = Enumerable.Repeat(0f, s_texts.Length).ToArray();
            if (Choice(temperature: 1, seed).Choose(Guide(), logits, s_noStops) is { } token)
            {
                drawn.Add((int)token);
            }
        }

        Assert.Equal(new[] { "Items", "Items.", "Sto", "Stock" }, drawn.Select(id => s_texts[id]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AStopTokenCountsAsAnEnd()
    {
        IdentifierGuide guide = Guide();
        guide.Accept(Id("Sto"), replaced: false);
        var stops = new HashSet<LLamaToken> { (LLamaToken)Id("x") };

        Assert.Equal(Id("ck"), (int?)Choice().Choose(guide, Ranking("x", "<end>", "ck"), stops));
    }
}
