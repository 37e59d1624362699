using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class CandidateVerifierTests
{
    private const string Orders = """
        using System.Collections.Generic;

        sealed class Order
        {
            public decimal Total { get; set; }
            public string Customer { get; set; } = "";
            public decimal Discount(decimal rate) => Total * rate;
        }

        sealed class Report
        {
            public decimal Sum(List<Order> orders)
            {
                decimal sum = 0;
                foreach (var order in orders)
                {
                    sum += order.$0
                }
                return sum;
            }
        }
        """;

    [Fact]
    public async Task Verify_KnownMember_IsAccepted()
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel("Total;"));
        var item = Assert.Single(result.Items);
        Assert.Equal("Total;", item.InsertText);
        Assert.Equal(VerificationState.Verified, item.Verification);
        Assert.Equal(0, service.GetStatistics().RejectedByVerification);
    }

    [Fact]
    public async Task Verify_UnknownMember_IsRejected()
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel("Amount;"));
        Assert.Empty(result.Items);
        Assert.Equal(1, service.GetStatistics().RejectedByVerification);
    }

    [Fact]
    public async Task Verify_MisspelledMember_IsRepaired()
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel("Totl;"));
        var item = Assert.Single(result.Items);
        Assert.Equal("Total;", item.InsertText);
        Assert.Equal(VerificationState.Repaired, item.Verification);
        Assert.Equal(1, service.GetStatistics().Repaired);
    }

    [Fact]
    public async Task Verify_WrongArgumentCount_IsRejected()
    {
        var (result, _) = await CompleteAsync(Orders, new FakeCompletionModel("Discount(0.1m, 2);"));
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Verify_WrongArgumentType_IsRejected_AndOnlyTheNameBeforeTheCallIsShown()
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel("Discount(\"ten\");"));
        var item = Assert.Single(result.Items);
        Assert.Equal(("Discount", VerificationState.Trimmed), (item.InsertText, item.Verification));
        Assert.Equal(1, service.GetStatistics().Trimmed);
    }

    [Fact]
    public async Task Verify_UnknownLocal_IsRejected()
    {
        var markup = Orders.Replace("sum += order.$0", "sum += $0", StringComparison.Ordinal);
        var (result, _) = await CompleteAsync(markup, new FakeCompletionModel("orderTotal;"));
        Assert.Empty(result.Items);
    }

    [Theory]
    [InlineData("Total 1;", "Total")]
    [InlineData("\uFFFD", null)]
    [InlineData("Total + \"unterminated;", "Total")]
    [InlineData("/* Total", null)]
    [InlineData("Total + @\"verbatim;", "Total")]
    [InlineData("Tot\uFFFD;", null)]
    public async Task Verify_MalformedCandidate_IsRejected_AndOnlyItsCheckedStartShown(string candidate, string? trimmed)
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel(candidate));
        Assert.Equal(trimmed is null ? [] : [(trimmed, VerificationState.Trimmed)], result.Items.Select(i => (i.InsertText, i.Verification)));
        Assert.Equal(trimmed is null ? 1 : 0, service.GetStatistics().RejectedByVerification);
    }

    [Theory]
    [InlineData("Total + Tax(order);", "Total")]
    [InlineData("Discount(0.1m) + order.Bogus;", "Discount(0.1m)")]
    [InlineData("Discount(Bogus);", "Discount")]
    [InlineData("Bogus + Total;", null)]
    [InlineData("Total.Bogus;", null)]
    [InlineData("Total + order.Total.Bogus();", "Total")]
    public async Task Verify_UnknownNamePartWay_ShowsTheCheckedStartBeforeIt(string candidate, string? trimmed)
    {
        var (result, _) = await CompleteAsync(Orders, new FakeCompletionModel(candidate));
        Assert.Equal(trimmed is null ? [] : [(trimmed, VerificationState.Trimmed)], result.Items.Select(i => (i.InsertText, i.Verification)));
    }

    [Fact]
    public async Task Verify_AWholeCandidate_RanksAboveTheTrimmedStartOfAnother()
    {
        var (result, _) = await CompleteAsync(Orders, new FakeCompletionModel("Total + Tax(order);", "Discount(0.5m);"), Options(candidates: 2));
        Assert.Equal([("Discount(0.5m);", VerificationState.Verified), ("Total", VerificationState.Trimmed)], result.Items.Select(i => (i.InsertText, i.Verification)));
    }

    [Fact]
    public async Task Verify_UnfinishedCall_IsExplainedAndAccepted()
    {
        // `Discount(` stays open: the missing argument is not the candidate's fault.
        var (result, _) = await CompleteAsync(Orders, new FakeCompletionModel("Discount("));
        Assert.Equal("Discount(", Assert.Single(result.Items).InsertText);
    }

    [Fact]
    public async Task Verify_PreexistingErrors_DoNotRejectACandidate()
    {
        var markup = Orders.Replace("decimal sum = 0;", "decimal sum = 0; undefinedCall();", StringComparison.Ordinal);
        var (result, _) = await CompleteAsync(markup, new FakeCompletionModel("Total;"));
        Assert.Single(result.Items);
    }

    [Fact]
    public async Task Verify_SurvivorsRankedAboveRejected_WithSeveralCandidates()
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel("Amount;", "Total;"), Options(candidates: 2));
        Assert.Equal(["Total;"], result.Items.Select(item => item.InsertText));
        Assert.Equal(1, service.GetStatistics().RejectedByVerification);
    }

    [Fact]
    public async Task Verify_OutOfBudget_WithholdsTheCandidateThenServesTheRepairedOne()
    {
        var (document, position) = CompletionFixture.Create(Orders);
        var model = new FakeCompletionModel("Totl;");
        using var service = Create(model, Options(verifyBudgetMs: 0));

        var first = await CompleteAsync(service, document, position);
        Assert.Empty(first.Items);
        Assert.Equal(1, service.GetStatistics().WithheldUnverified);

        await service.LateChecks;
        var next = await CompleteAsync(service, document, position);
        var item = Assert.Single(next.Items);
        Assert.Equal("Total;", item.InsertText);
        Assert.Equal(VerificationState.Repaired, item.Verification);
        var stats = service.GetStatistics();
        Assert.Equal(1, stats.VerifiedLate);
        Assert.Equal(0, stats.Unverified);
        Assert.Equal(1, stats.ModelCalls);
    }

    [Fact]
    public async Task Verify_OutOfBudget_UnknownMemberIsNeverShown()
    {
        var (document, position) = CompletionFixture.Create(Orders);
        using var service = Create(new FakeCompletionModel("Amount;"), Options(verifyBudgetMs: 0));

        Assert.Empty((await CompleteAsync(service, document, position)).Items);
        await service.LateChecks;
        Assert.Empty((await CompleteAsync(service, document, position)).Items);
        Assert.Equal(1, service.GetStatistics().RejectedByVerification);
    }

    [Fact]
    public async Task Verify_OutOfBudget_ShowUnverified_ShowsItMarkedAndCountsIt()
    {
        var (result, service) = await CompleteAsync(Orders, new FakeCompletionModel("Amount;"), Options(verifyBudgetMs: 0, showUnverified: true));
        Assert.Equal(VerificationState.Unverified, Assert.Single(result.Items).Verification);
        Assert.Equal(1, service.GetStatistics().Unverified);
        Assert.Equal(0, service.GetStatistics().WithheldUnverified);
        service.Dispose();
    }

    [Fact]
    public async Task Verify_SettledResult_IsServedFromTheCacheWithoutAnotherCheck()
    {
        var (document, position) = CompletionFixture.Create(Orders);
        var model = new FakeCompletionModel("Totl;");
        using var service = Create(model, Options());
        Assert.Equal("Total;", Assert.Single((await CompleteAsync(service, document, position)).Items).InsertText);

        // Same text, other document instance: the typing-through state does not apply, the cache does.
        var (again, _) = CompletionFixture.Create(Orders);
        service.CloseDocument(document.FilePath!);
        var item = Assert.Single((await CompleteAsync(service, again, position)).Items);
        Assert.Equal("Total;", item.InsertText);
        Assert.Equal(VerificationState.Repaired, item.Verification);
        Assert.Equal(1, service.GetStatistics().CacheHits);
        Assert.Equal(1, service.GetStatistics().Repaired);
    }

    [Fact]
    public async Task Verify_Off_ShowsUnverified()
    {
        var (result, _) = await CompleteAsync(Orders, new FakeCompletionModel("Amount;"), Options(verify: false));
        Assert.Equal(VerificationState.Unverified, Assert.Single(result.Items).Verification);
    }

    [Theory]
    [InlineData("TryParse(\"1\", sum);", "TryParse")]
    [InlineData("TryParse(\"1\", out sum);", "TryParse(\"1\", out sum);")]
    public async Task Verify_RefOutMismatch_IsRejected(string candidate, string shown)
    {
        var markup = Orders.Replace("sum += order.$0", "var ok = decimal.$0", StringComparison.Ordinal);
        var (result, _) = await CompleteAsync(markup, new FakeCompletionModel(candidate));
        Assert.Equal(shown, Assert.Single(result.Items).InsertText);
    }

    [Theory]
    [InlineData("Totl", "Total")]
    [InlineData("Custmoer", "Customer")]
    [InlineData("Xyz", null)]
    public void Nearest_PicksCloseUniqueName(string misspelled, string? expected)
    {
        Assert.Equal(expected, SpellingRepair.Nearest(misspelled, ["Total", "Customer", "Discount", "ToString"]));
    }
}
