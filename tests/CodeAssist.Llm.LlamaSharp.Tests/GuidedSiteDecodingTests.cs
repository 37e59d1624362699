using CodeAssist.Gguf;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// The sites beyond member access through the real sampling loop, with chain models that prefer a misspelled name
/// (the right one as runner-up): a plain identifier after "=", a named argument, a generic argument; and a number
/// where an identifier could stand is left alone.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class GuidedSiteDecodingTests
{
    private static string LocalChain => GeneratedModels.Get("chain-misspelled-local.gguf", () => ChainModel.Build(
        [new ChainLink(["="], " totl;"), new ChainLink(["="], " total;") { Weight = 0.5f }]));

    private static string NamedArgumentChain => GeneratedModels.Get("chain-misspelled-argument.gguf", () => ChainModel.Build(
        [new ChainLink(["("], "quantty: 2);"), new ChainLink(["("], "quantity: 2);") { Weight = 0.5f }]));

    private static string GenericChain => GeneratedModels.Get("chain-misspelled-generic.gguf", () => ChainModel.Build(
        [new ChainLink(["<"], "Itme>();"), new ChainLink(["<"], "Item>();") { Weight = 0.5f }]));

    private static string NumberChain => GeneratedModels.Get("chain-number.gguf", () => ChainModel.Build([new ChainLink(["="], " 42;")]));

    private static InfillRequest Request(string prefix, Func<string, IdentifierSite?>? sites) => new()
    {
        Prefix = prefix,
        Suffix = "\n",
        MaxTokens = 16,
        Identifiers = sites is null ? null : new IdentifierConstraint(sites),
    };

    [Fact]
    public async Task PlainIdentifier_Unconstrained_TheMisspelling_Constrained_TheLocalInScope()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(LocalChain);
        var scope = new IdentifierSite("scope", ["total", "order", "new", "null", "var"]) { Required = false };

        var (free, _, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request("var order = new Order();\nvar n =", null), CancellationToken.None));
        var (guided, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request("var order = new Order();\nvar n =", t => t == " " ? scope : null), CancellationToken.None));

        Assert.Equal(" totl;", free);
        Assert.Equal(" total;", guided);
        Assert.Equal(1, usage.ConstrainedReplacements);
    }

    [Fact]
    public async Task NamedArgument_TheParameterNameOfTheOverloads()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(NamedArgumentChain);
        var arguments = new IdentifierSite("Ship", ["quantity", "address", "order", "new"]) { Required = false };

        var (text, _, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request("var order = new Order();\norder.Ship(", t => t.Length == 0 ? arguments : null), CancellationToken.None));

        Assert.Equal("quantity: 2);", text);
    }

    [Fact]
    public async Task GenericArgument_ATypeInScope()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GenericChain);
        var types = new IdentifierSite("types", ["Item", "Order", "List", "int"]) { Required = false };

        var (text, _, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request("var order = new Order();\nvar items = new List<", t => t.Length == 0 ? types : null), CancellationToken.None));

        Assert.Equal("Item>();", text);
    }

    [Fact]
    public async Task NumberWhereAnIdentifierCouldStand_IsLeftAlone()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(NumberChain);
        var scope = new IdentifierSite("scope", ["total", "order"]) { Required = false };

        var (text, usage, _) = await Collect.AllAsync(model.Completion.InfillAsync(Request("var order = new Order();\nvar n =", t => t.TrimEnd().Length == 0 ? scope : null), CancellationToken.None));

        Assert.Equal(" 42;", text);
        Assert.Equal(0, usage.ConstrainedReplacements);
    }
}
