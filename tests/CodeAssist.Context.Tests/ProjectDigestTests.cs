using Xunit;

namespace CodeAssist.Context.Tests;

/// <summary>The project digest: what other files use most, the same text wherever the caret is.</summary>
public sealed class ProjectDigestTests
{
    private const string Fixture = """
        namespace Shop;
        class Main { void Run() { $0 } }
        //- Kinds.cs
        namespace Shop;
        public enum OrderState { Open, Paid, Shipped }
        public static class Money
        {
            public static decimal Round(decimal value) => value;
            public static decimal RoundOnce(decimal value) => value;
            private static decimal Hidden(decimal value) => value;
        }
        public class Basket
        {
            public int Count => 0;
            public void AddItem(string sku) { }
        }
        //- A.cs
        namespace Shop;
        class A { void M(Basket b) { var s = OrderState.Open; var r = Money.Round(1m); b.AddItem("x"); var c = b.Count; var h = Money.Hidden(1m); } }
        //- B.cs
        namespace Shop;
        class B { void M(Basket b) { var s = OrderState.Open == OrderState.Paid; var r = Money.Round(2m) + Money.RoundOnce(1m); b.AddItem("y"); var c = b.Count; var h = Money.Hidden(1m); } }
        class D { void M() { var z = ZebraVault.OpenZebra(); } }
        //- Vault.cs
        namespace Shop;
        public static class ZebraVault { public static string OpenZebra() => ""; }
        class C { void M() { var z = ZebraVault.OpenZebra(); } }
        """;

    private static async Task<CodeContext> DigestAsync(int budget = 512, params string[] excluded)
    {
        var (document, _) = ContextFixture.Load(Fixture);
        var exclusions = new ContentExclusions();
        exclusions.Update(ContentExclusion.Create(Path.Combine(Path.GetTempPath(), "fixture"), excluded));
        return await new ContextCollector(exclusions: exclusions).GetProjectDigestAsync(document, budget, EstimatingTokenCounter.Instance, CancellationToken.None);
    }

    [Fact]
    public async Task NamesWhatSeveralFilesUse_AndNothingElse()
    {
        var digest = (await DigestAsync()).RenderedText;

        foreach (var used in new[] { "enum OrderState", "Open", "static class Money", "Round(decimal value)", "class Basket", "AddItem(string sku)", "ZebraVault", "OpenZebra" })
        {
            Assert.True(digest.Contains(used, StringComparison.Ordinal), $"{used} not in:\n{digest}");
        }

        // Never used, used from one file, private, or the core library's own vocabulary (.Count).
        foreach (var left in new[] { "Shipped", "Paid", "RoundOnce", "Hidden", "Count", "Main" })
        {
            Assert.DoesNotContain(left, digest, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SameTextEveryTime_AndWithinItsBudget()
    {
        var first = await DigestAsync();
        var again = await DigestAsync();
        var small = await DigestAsync(budget: 24);

        Assert.Equal(first.RenderedText, again.RenderedText);
        Assert.True(small.TokenCount <= 24, small.RenderedText);
        Assert.True(small.TokenCount < first.TokenCount);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(64)]
    public async Task TightBudget_TheCountIncludesTheTitle_AndHoldsTheBudgetToTheToken(int budget)
    {
        var digest = await DigestAsync(budget);

        Assert.Equal(EstimatingTokenCounter.Instance.CountTokens(digest.RenderedText), digest.TokenCount);
        Assert.InRange(digest.TokenCount, 1, budget);
    }

    [Fact]
    public async Task ExcludedFile_NeitherCountsNorIsListed()
    {
        var digest = (await DigestAsync(512, "Vault.cs")).RenderedText;

        Assert.DoesNotContain("Zebra", digest, StringComparison.Ordinal);
        Assert.Contains("OrderState", digest, StringComparison.Ordinal);
    }
}
