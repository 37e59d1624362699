using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities.InlineCompletion;
using Xunit;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>The names compiler-guided decoding gets at each kind of site, from a real semantic model.</summary>
public sealed class IdentifierSitesTests
{
    private const string Shop = """
        using System.Collections.Generic;
        using System.Linq;

        sealed class Item
        {
            public string Name { get; set; } = "";
            public static Item Empty { get; } = new();
            private int secret;
        }

        sealed class Order
        {
            public List<Item> Items { get; } = new();
            public int Stock { get; set; }
            public int StockLevel() => Stock;
            public void Ship(int quantity, string address) { }
            public void Ship(int quantity) { }
            public int Count(System.Func<Item, bool> predicate) => 0;
        }

        sealed class Shop
        {
            public int Run(Order order)
            {
                $0
                return 0;
            }
        }
        """;

    [Fact]
    public async Task AfterAReceiverDot_TheMembersOfItsType_InstanceAndExtension()
    {
        var site = await SiteAsync("var n = order.");

        Assert.NotNull(site);
        Assert.True(site.Required);
        Assert.Contains("Stock", site.Names);
        Assert.Contains("StockLevel", site.Names);
        Assert.Contains("Items", site.Names);
        Assert.Contains("ToString", site.Names);
        Assert.Equal("", site.Typed);
    }

    [Fact]
    public async Task AChainTheModelWrote_IsBoundSpeculatively_WithExtensionMethods()
    {
        var site = await SiteAsync("", generated: "var n = order.Items.");

        Assert.NotNull(site);
        Assert.Contains("Count", site.Names);
        Assert.Contains("Select", site.Names); // System.Linq extension method
        Assert.DoesNotContain("Stock", site.Names);
    }

    [Fact]
    public async Task AfterATypeName_OnlyStaticMembers_AndPrivateOnesOfOtherTypesAreLeftOut()
    {
        var items = await SiteAsync("var first = order.Items[0].");
        var statics = await SiteAsync("var e = Item.");

        Assert.NotNull(items);
        Assert.Contains("Name", items.Names);
        Assert.DoesNotContain("Empty", items.Names);
        Assert.DoesNotContain("secret", items.Names);
        Assert.NotNull(statics);
        Assert.Contains("Empty", statics.Names);
        Assert.DoesNotContain("Name", statics.Names);
    }

    [Fact]
    public async Task NameTypedBeforeTheCaret_IsReportedAsTyped()
    {
        var site = await SiteAsync("var n = order.Sto");

        Assert.NotNull(site);
        Assert.Equal("Sto", site.Typed);
        Assert.Contains("Stock", site.Names);
    }

    [Fact]
    public async Task AfterNew_TheTypesInScope_NotRequired()
    {
        var site = await SiteAsync("var list = new ");

        Assert.NotNull(site);
        Assert.False(site.Required);
        Assert.Contains("List", site.Names);
        Assert.Contains("Item", site.Names);
        Assert.Contains("int", site.Names);
    }

    [Theory]
    [InlineData("var n = 1.")]
    [InlineData("var n = unknown.")]
    public async Task NoSite_WhereTheNamesAreNotKnown(string line)
    {
        Assert.Null(await SiteAsync(line));
    }

    [Theory]
    [InlineData("var total = ")]
    [InlineData("var renewal = ")]
    [InlineData("return ")]
    [InlineData("if (")]
    [InlineData("var n = order.Stock + ")]
    [InlineData("var ok = !")]
    [InlineData("var first = order.Items[")]
    [InlineData("var n = 1;\n        ")]
    public async Task ExpressionPosition_NamesInScopeAndKeywords_NotRequired(string line)
    {
        var site = await SiteAsync(line);

        Assert.NotNull(site);
        Assert.False(site.Required);
        Assert.Contains("order", site.Names);   // a parameter
        Assert.Contains("Run", site.Names);     // a member in scope
        Assert.Contains("Item", site.Names);    // a type
        Assert.Contains("new", site.Names);     // keywords stay possible
        Assert.Contains("null", site.Names);
        Assert.Contains("var", site.Names);
        Assert.DoesNotContain("Stock", site.Names); // a member of another type
    }

    [Fact]
    public async Task ExpressionPosition_NameTypedBeforeTheCaret_IsReportedAsTyped()
    {
        var site = await SiteAsync("var n = ord");

        Assert.NotNull(site);
        Assert.Equal("ord", site.Typed);
        Assert.Contains("order", site.Names);
    }

    [Fact]
    public async Task NamesTheGeneratedTextIntroduced_AreValidLater()
    {
        var site = await SiteAsync("", generated: "var subtotal = order.Stock;\n        return ");

        Assert.NotNull(site);
        Assert.Contains("subtotal", site.Introduced);
        Assert.DoesNotContain("subtotal", site.Names);
    }

    [Fact]
    public async Task NamesInScope_AreOneSiteForTheWholeGeneration_WhateverTheTextIntroduces()
    {
        var constraint = await ConstraintAsync("");

        var before = constraint.SiteAfter("var n = ");
        var after = constraint.SiteAfter("var subtotal = 1;\n        var n = ");

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(before.Key, after.Key);
        Assert.Same(before.Names, after.Names);
        Assert.Equal(["n", "var"], before.Introduced);
        Assert.Equal(["n", "subtotal", "var"], after.Introduced);
    }

    [Theory]
    [InlineData("var n = unknown.Stock.")]
    [InlineData("var n = order.Bogus.Name.")]
    [InlineData("var n = order.Bogus.Bogus.Bogus.")]
    public async Task AChainWhoseStartHasNoMembers_IsNoSite(string generated)
    {
        Assert.Null(await SiteAsync("", generated));
    }

    [Theory]
    [InlineData("var n = order.Items.", "Count")]
    [InlineData("var n = order.Items.Count.", "CompareTo")]
    [InlineData("var n = System.Linq.Enumerable.", "Range")]
    public async Task AChainOfKnownMembers_StillHasItsSite(string generated, string member)
    {
        var site = await SiteAsync("", generated);

        Assert.NotNull(site);
        Assert.Contains(member, site.Names);
    }

    [Fact]
    public async Task CallArguments_ParameterNamesOfTheOverloads_ForNamedArguments()
    {
        var first = await SiteAsync("order.Ship(");
        var second = await SiteAsync("order.Ship(1, ");

        Assert.NotNull(first);
        Assert.Contains("quantity", first.Names);
        Assert.Contains("address", first.Names);
        Assert.Contains("order", first.Names);
        Assert.NotNull(second);
        Assert.Contains("address", second.Names);
    }

    [Fact]
    public async Task ConstructorArguments_ParameterNamesOfTheConstructors()
    {
        var site = await SiteAsync("var list = new List<int>(");

        Assert.NotNull(site);
        Assert.Contains("capacity", site.Names);
        Assert.Contains("collection", site.Names);
    }

    [Theory]
    [InlineData("var n = order.Count(")]          // takes a lambda: its parameter is a new name
    [InlineData("var q = order.Items.Select(")]   // an extension method taking a delegate
    [InlineData("var n = (")]                     // parenthesized expression, cast or lambda parameters
    [InlineData("var n = new Item { ")]           // an object initializer names the created type's members
    [InlineData("int ")]                          // a declaration's new name
    [InlineData("List<int> ")]
    [InlineData("int? ")]
    [InlineData("var s = \"a = ")]               // inside a string
    [InlineData("// x = ")]                       // inside a comment
    public async Task NoSite_WhereANewNameOrAnythingMayFollow(string line)
    {
        Assert.Null(await SiteAsync(line));
    }

    [Theory]
    [InlineData("var list = new List<")]
    [InlineData("var map = new Dictionary<string, ")]
    public async Task GenericArguments_TheTypesInScope(string line)
    {
        var site = await SiteAsync(line);

        Assert.NotNull(site);
        Assert.False(site.Required);
        Assert.Contains("Item", site.Names);
        Assert.Contains("int", site.Names);
        Assert.DoesNotContain("order", site.Names);
    }

    [Fact]
    public async Task LessThan_IsNoGenericSite()
    {
        var site = await SiteAsync("var small = order.Stock <");

        Assert.Null(site);
    }

    [Theory]
    [InlineData("x = order.Items[i].Name", "order.Items[i].Name")]
    [InlineData("if (Foo(a, b).Bar", "Foo(a, b).Bar")]
    [InlineData("x = items?", "items")]
    [InlineData("return new List<int>()", "new List<int>()")]
    [InlineData("x = (a", "a")]
    public void Receiver_IsTheExpressionBeforeTheDot(string text, string receiver)
    {
        Assert.Equal(receiver, IdentifierSites.Receiver(text));
    }

    private static async Task<CodeAssist.Llm.IdentifierSite?> SiteAsync(string typedLine, string generated = "") =>
        (await ConstraintAsync(typedLine)).SiteAfter(generated);

    private static async Task<CodeAssist.Llm.IdentifierConstraint> ConstraintAsync(string typedLine)
    {
        var (document, position) = CompletionFixture.Create(Shop.Replace("$0", typedLine + "$0", StringComparison.Ordinal));
        var text = await document.GetTextAsync();
        var constraint = await IdentifierSites.CreateAsync(document, text, position, CancellationToken.None);
        Assert.NotNull(constraint);
        return constraint;
    }
}
