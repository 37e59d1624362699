using CodeAssist.Gguf;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// Compiler-guided decoding through the real sampling loop: a chain model engineered to misspell a member after
/// "." ("Stokc", with the right "Stock" as its runner-up) writes the right member once the site's names are given.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class ConstrainedDecodingTests
{
    private static readonly IdentifierSite s_orderMembers = new("Order", ["Price", "Stock", "StockLevel", "ToString"]);

    private static string MisspellingChain => GeneratedModels.Get("chain-misspelled.gguf", () => ChainModel.Build(
        [new ChainLink(["."], "Stokc;"), new ChainLink(["."], "Stock;") { Weight = 0.5f }]));

    // Real vocabularies hold tokens far longer than 64 bytes (runs of spaces): one such token, never triggered.
    private static string LongTokenChain => GeneratedModels.Get("chain-misspelled-long-token.gguf", () => ChainModel.Build(
        [new ChainLink(["."], "Stokc;"), new ChainLink(["."], "Stock;") { Weight = 0.5f }, new ChainLink(["#"], new string('x', 100) + ";")]));

    private static InfillRequest Request(IdentifierConstraint? identifiers) => new()
    {
        Prefix = "var order = new Order();\nvar n = order.",
        Suffix = "\n",
        MaxTokens = 16,
        Identifiers = identifiers,
    };

    [Fact]
    public async Task Unconstrained_WritesTheMisspelledMember()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(MisspellingChain);

        var (text, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request(null), CancellationToken.None));

        Assert.Equal("Stokc;", text);
        Assert.Equal(0, usage.ConstrainedReplacements);
        Assert.Empty(usage.ConstraintTokenTimes);
    }

    [Fact]
    public async Task MemberSite_OnAVocabularyWithATokenOver64Bytes_WritesTheRealMember()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(LongTokenChain);

        var (text, usage, _) = await Collect.AllAsync(
            model.Completion.InfillAsync(Request(new IdentifierConstraint(t => t.Length == 0 ? s_orderMembers : null)), CancellationToken.None));

        Assert.Equal("Stock;", text);
        Assert.Equal(1, usage.ConstrainedReplacements);
    }

    [Fact]
    public async Task LoadedModel_IndexesItsVocabularyBeforeTheFirstGuidedRequest()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(LongTokenChain);

        // Started by the load itself, so the first guided request does not pay for it.
        var indexing = model.Session.VocabularyIndexing;
        Assert.NotNull(indexing);
        var vocabulary = await indexing;
        Assert.Same(indexing, model.Session.StartIndexingVocabulary());
        Assert.Contains(Enumerable.Range(0, vocabulary.Count), id => vocabulary.TextOf(id) == new string('x', 100));
    }

    [Fact]
    public async Task MemberSite_WritesTheRealMember()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(MisspellingChain);
        var asked = new List<string>();
        var constraint = new IdentifierConstraint(text =>
        {
            lock (asked)
            {
                asked.Add(text);
            }

            return text.Length == 0 ? s_orderMembers : null;
        });

        var (text, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request(constraint), CancellationToken.None));

        Assert.Equal("Stock;", text);
        Assert.Equal(1, usage.ConstrainedReplacements);
        Assert.Equal(usage.GeneratedTokens + 1, usage.ConstraintTokenTimes.Count); // the end token is checked too
        Assert.Contains("", asked);
    }

    [Fact]
    public async Task SiteWithoutTheRunnerUp_SpellsAValidNameInsteadOfTheMisspelling()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(MisspellingChain);
        var site = new IdentifierSite("Pricing", ["Price"]);

        var (text, _, _) = await Collect.AllAsync(
            model.Completion.InfillAsync(Request(new IdentifierConstraint(t => t.Length == 0 ? site : null)), CancellationToken.None));

        // Nothing in the model prefers "Price", but no other name is allowed, and it may not stop inside it.
        Assert.StartsWith("Price", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameTypedBeforeTheCaret_IsContinued()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(MisspellingChain);
        var typed = s_orderMembers with { Typed = "Sto" };

        var (text, _, _) = await Collect.AllAsync(
            model.Completion.InfillAsync(Request(new IdentifierConstraint(t => t.Length == 0 ? typed : null)), CancellationToken.None));

        // The model's own answer ("Stokc") does not continue "Sto"; the guided answer completes a real name.
        Assert.Equal("ck", text);
    }
}
