using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class SpellingRepairTests
{
    private const string Inventory = """
        using System.Collections.Generic;

        sealed class Item
        {
            public string Name { get; set; } = "";
            public decimal Price { get; set; }
            public string Customer { get; set; } = "";
        }

        sealed class Inventory
        {
            public int Count(List<Item> items, string label)
            {
                var total = 0;
                $0
                return total;
            }
        }
        """;

    [Theory]
    [InlineData("total = items.Cuont;", "total = items.Count;")]
    [InlineData("total = lable.Length;", "total = label.Length;")]
    [InlineData("var copy = new Lsit<Item>(items);", "var copy = new List<Item>(items);")]
    [InlineData("var who = items[0].Cust;", "var who = items[0].Customer;")]
    [InlineData("var who = items[0].Custmer;", "var who = items[0].Customer;")]
    public async Task Verify_OneMisspelledName_IsRepairedWithRoslynsSpellingFix(string candidate, string expected)
    {
        var (result, service) = await CompleteAsync(Inventory, new FakeCompletionModel(candidate));

        var item = Assert.Single(result.Items);
        Assert.Equal(expected, item.InsertText);
        Assert.Equal(VerificationState.Repaired, item.Verification);
        Assert.Equal(1, service.GetStatistics().Repaired);
    }

    [Theory]
    [InlineData("total = items.Cuont;", "Count")]
    [InlineData("var copy = new Lsit<Item>(items);", "List<Item>")]
    [InlineData("var who = items[0].Cust;", "Customer")]
    public async Task FromRoslyn_OffersTheSpellingFixersBestName(string candidate, string expected)
    {
        var (fork, diagnostic) = await ForkAsync(candidate);

        var replacement = await SpellingRepair.FromRoslynAsync(fork, diagnostic, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(expected, replacement);
    }

    [Theory]
    [InlineData("total = items.Cuont;", "Count")]
    [InlineData("var copy = new Lsit<Item>(items);", "List<Item>")]
    public async Task FindReplacement_NoTimeForRoslyn_FallsBackToTheNearestName(string candidate, string expected)
    {
        var (fork, diagnostic) = await ForkAsync(candidate);

        Assert.Null(await SpellingRepair.FromRoslynAsync(fork, diagnostic, TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(expected, await SpellingRepair.FindReplacementAsync(fork, diagnostic, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Verify_NameWithNoCloseMatch_StaysRejected_OnlyTheStartBeforeItsAccessIsShown()
    {
        var (result, service) = await CompleteAsync(Inventory, new FakeCompletionModel("total = items.Zqxwv;"));

        var item = Assert.Single(result.Items);
        Assert.Equal(("total", VerificationState.Trimmed), (item.InsertText, item.Verification));
        Assert.Equal(0, service.GetStatistics().RejectedByVerification);
        Assert.Equal(0, service.GetStatistics().Repaired);
    }

    private static async Task<(Document Fork, Diagnostic Diagnostic)> ForkAsync(string candidate)
    {
        var (document, position) = CompletionFixture.Create(Inventory);
        var text = await document.GetTextAsync();
        var fork = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), candidate)));
        var model = await fork.GetSemanticModelAsync();
        var diagnostic = model!.GetDiagnostics().Single(d => d.Severity == DiagnosticSeverity.Error);
        return (fork, diagnostic);
    }
}
