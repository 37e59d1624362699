using System.Text;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>The prompt is sized to the model's speed when the caret enters a member, and kept while it stays there.</summary>
public sealed class ColdPromptTests
{
    private static readonly ModelThroughput TwoCores = new(PromptTokensPerSecond: 200, GeneratedTokensPerSecond: 33);

    [Fact]
    public async Task SlowModel_FirstRequestInAMember_SendsAPromptItCanEvaluateInTime()
    {
        var model = new FakeCompletionModel("total += 1;") { Throughput = TwoCores };
        var context = new FakeContextProvider("class Order { public decimal Total; }");
        using var service = Create(model, context: context);
        var (document, position) = CompletionFixture.Create(LongMethod(200));

        await CompleteAsync(service, document, position);

        var request = Assert.Single(model.Requests);
        var plan = PromptPlanner.Plan(TwoCores, Options().Completion, new ContextOptions().BudgetTokens, 0);
        Assert.True(plan.TotalTokens < PromptPlan.Full(1024).TotalTokens / 4, plan.ToString());
        Assert.Equal(plan.ContextTokens, Assert.Single(context.Budgets));
        var contextTokens = model.CountTokens(Assert.Single(request.ExtraContext).Text);
        var prefixTokens = model.CountTokens(request.Prefix);
        Assert.InRange(model.CountTokens(request.Suffix), 1, plan.SuffixTokens);

        // The context came out smaller than planned: the prefix gets the rest, and the whole stays within the plan.
        Assert.True(contextTokens < plan.ContextTokens && prefixTokens > plan.PrefixTokens, $"{contextTokens} {prefixTokens} {plan}");
        Assert.InRange(contextTokens + prefixTokens + model.CountTokens(request.Suffix), plan.TotalTokens / 2, plan.TotalTokens);
    }

    [Fact]
    public async Task UnknownSpeed_SendsTheFullPrompt()
    {
        var model = new FakeCompletionModel("total += 1;");
        using var service = Create(model, context: new FakeContextProvider("class Order { }"));
        var (document, position) = CompletionFixture.Create(LongMethod(200));

        await CompleteAsync(service, document, position);

        Assert.True(model.CountTokens(Assert.Single(model.Requests).Prefix) > PromptPlan.FullPrefixTokens / 2);
    }

    [Fact]
    public async Task KeystrokesInTheSameMember_KeepThePlanEvenWhenTheSpeedChanges()
    {
        var model = new FakeCompletionModel(_ => ["x"]) { Throughput = TwoCores };
        var context = new FakeContextProvider("class Order { }");
        using var service = Create(model, context: context);
        var (document, position) = CompletionFixture.Create(LongMethod(200));
        await CompleteAsync(service, document, position);

        model.Throughput = new ModelThroughput(8000, 150);
        var typed = CompletionFixture.Type(document, position, "total ");
        await CompleteAsync(service, typed, position + "total ".Length);

        var requests = model.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var (firstLines, _) = Llm.Fim.FimLayout.SplitCurrentLine(requests[0].Prefix);
        var (secondLines, _) = Llm.Fim.FimLayout.SplitCurrentLine(requests[1].Prefix);
        Assert.Equal(firstLines, secondLines);
        Assert.Equal(requests[0].Suffix, requests[1].Suffix);
        Assert.Equal(1, context.Calls);
    }

    [Fact]
    public void Stats_ReportTheModelsMeasuredSpeed_OrZeroWhenUnknown()
    {
        var model = new FakeCompletionModel("x");
        using var service = Create(model);
        Assert.Equal((0.0, 0.0), (service.GetStatistics().ModelPromptTokensPerSecond, service.GetStatistics().ModelGeneratedTokensPerSecond));

        model.Throughput = TwoCores;

        Assert.Equal((200.0, 33.0), (service.GetStatistics().ModelPromptTokensPerSecond, service.GetStatistics().ModelGeneratedTokensPerSecond));
    }

    private static string LongMethod(int statements)
    {
        var body = new StringBuilder();
        for (var i = 0; i < statements; i++)
        {
            body.Append("        total += values[").Append(i).Append("] * weights[").Append(i).Append("];\n");
        }

        return $$"""
            sealed class Totals
            {
                public int Sum(int[] values, int[] weights)
                {
                    var total = 0;
            {{body}}        $0
                    return total;
                }
            }
            """;
    }
}
