using System.Text;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>The stable prompt head of a member, its background prefill, and speculation after an acceptance.</summary>
public sealed class HeadPrefillTests
{
    internal static readonly ModelThroughput TwoCores = new(PromptTokensPerSecond: 200, GeneratedTokensPerSecond: 33);

    internal static CodeAssistOptions NoVerify => Options(verify: false);

    [Fact]
    public async Task KeystrokesInAMember_SendTheSameHeadBytes_AndEachHitsThePrefilledHead()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { public decimal Total; }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(40, "        var total = $0"));

        await service.Prepare(new InlineCompletionRequest(document, position));
        await service.PrefillIdle;
        var text = await document.GetTextAsync();
        foreach (var typed in new[] { "o", "or", "ord" })
        {
            var edited = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), typed)));
            await CompleteAsync(service, edited, position + typed.Length);
        }

        var head = Assert.Single(model.Prefills);
        Assert.Contains("public void Method38()", head.Prefix, StringComparison.Ordinal);
        Assert.EndsWith("\n", head.Prefix, StringComparison.Ordinal);
        Assert.Equal(3, model.Requests.Count);
        Assert.All(model.Requests, request =>
        {
            Assert.StartsWith(head.Prefix, request.Prefix, StringComparison.Ordinal);
            Assert.Equal(head.ExtraContext, request.ExtraContext);
            Assert.Equal(head.FilePath, request.FilePath);
        });
        var stats = service.GetStatistics();
        Assert.Equal(3, stats.PrefilledHeadHits);
        Assert.True(stats.PrefilledTokens > 0, stats.ToString());
    }

    [Fact]
    public async Task PrefilledHead_CarriesTheFullContextBudget_WhileAColdRequestCarriesTheSizedOne()
    {
        // Prompt speed of two cores: the head takes its window, less the caret's tail that the same job prefills next.
        var speed = TwoCores with { GeneratedTokensPerSecond = 200 };
        var context = new FakeContextProvider("class Order { public decimal Total; }");
        var model = new FakeCompletionModel("x;") { Throughput = speed, SupportsPrefill = true };
        using var service = Create(model, NoVerify, context);
        var (document, position) = CompletionFixture.Create(ClassWithMethods(40, "        var total = $0"));

        await CompleteAsync(service, document, position);
        await service.PrefillIdle;
        var cold = PromptPlanner.Plan(speed, NoVerify.Completion, new ContextOptions().BudgetTokens, 0);

        var window = (int)(speed.PromptTokensPerSecond * MemberContext.PrefillWindowSeconds);
        var stable = MemberContext.StableBudgets(speed, cold, new ContextOptions().BudgetTokens);
        Assert.Equal(window - cold.PrefixTokens - cold.SuffixTokens, stable.Context + stable.Above);
        Assert.True(stable.Context > cold.ContextTokens, $"{stable} {cold}");
        Assert.Equal([cold.ContextTokens, stable.Context], context.Budgets.ToArray());
        Assert.Single(model.Prefills);
        Assert.Equal(0, service.GetStatistics().PrefilledHeadHits);
    }

    [Fact]
    public async Task ForegroundRequestDuringAPrefill_PreemptsIt_AndStillAnswers()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true, PrefillsToPreempt = 1 };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(10, "        var total = $0"));

        var prefill = service.Prepare(new InlineCompletionRequest(document, position));
        Assert.True(SpinWait.SpinUntil(() => model.Prefills.Count == 1, TimeSpan.FromSeconds(30)));
        var result = await CompleteAsync(service, document, position);
        await prefill;
        await service.PrefillIdle;

        Assert.Equal("x;", Assert.Single(result.Items).InsertText);
        var stats = service.GetStatistics();
        Assert.Equal(1, stats.PrefillPreemptions);
        // The request that pre-empted it scheduled the rest, which completed later.
        Assert.Equal(2, model.Prefills.Count);
        Assert.Equal(model.Prefills.First(), model.Prefills.Last());
    }

    [Fact]
    public async Task ModelWithoutACache_GetsNoPrefillAndTheColdPrompt()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(10, "        var total = $0"));

        await service.Prepare(new InlineCompletionRequest(document, position));
        await CompleteAsync(service, document, position);

        Assert.Empty(model.Prefills);
        Assert.Equal(0, service.GetStatistics().PrefilledTokens);
    }

    [Fact]
    public async Task AcceptedSuggestion_TheNextRequestIsServedWithoutAnotherModelCall()
    {
        var model = new FakeCompletionModel(request => [request.Prefix.EndsWith("1 +", StringComparison.Ordinal) ? " 2;" : "1 +"]);
        using var service = Create(model, NoVerify);
        var (document, position) = CompletionFixture.Create(ClassWithMethods(2, "        var total = $0"));
        var first = Assert.Single((await CompleteAsync(service, document, position)).Items);

        service.Accepted(first.Id);
        await service.Speculating;
        var text = await document.GetTextAsync();
        var accepted = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), first.InsertText)));
        var next = await CompleteAsync(service, accepted, position + first.InsertText.Length);

        Assert.Equal(" 2;", Assert.Single(next.Items).InsertText);
        Assert.Equal(2, model.Calls);
        var stats = service.GetStatistics();
        Assert.Equal(1, stats.Speculations);
        Assert.Equal(2, stats.Requests);
        Assert.Equal(2, stats.ModelCalls);
    }

    [Fact]
    public void StableHead_FastOrUnknownModel_GetsTheFullBudgets_ASlowOneWhatItPrefillsInTheWindowBesideTheTail()
    {
        var cold = PromptPlanner.Plan(TwoCores, NoVerify.Completion, 1024, 0);
        var window = (int)(TwoCores.PromptTokensPerSecond * MemberContext.PrefillWindowSeconds);

        Assert.Equal((1024, MemberContext.AboveMemberTokens), MemberContext.StableBudgets(null, cold, 1024));
        Assert.Equal((1024, MemberContext.AboveMemberTokens), MemberContext.StableBudgets(new ModelThroughput(20_000, 100), cold, 1024));
        // The same job prefills the caret's tail after the head: both fit in the window, so the first key only
        // evaluates what it types.
        var (context, above) = MemberContext.StableBudgets(TwoCores, cold, 1024);
        Assert.Equal(window - cold.PrefixTokens - cold.SuffixTokens, context + above);
        Assert.True(context > cold.ContextTokens && above < MemberContext.AboveMemberTokens, $"{context} {above} {cold}");
    }

    /// <summary>A class of <paramref name="methods"/> methods with <paramref name="body"/> (holding the caret) in the last one.</summary>
    internal static string ClassWithMethods(int methods, string body)
    {
        var builder = new StringBuilder("namespace Shop;\n\npublic sealed class Cart\n{\n");
        for (var i = 0; i < methods - 1; i++)
        {
            builder.Append($"    public void Method{i}()\n    {{\n        var value{i} = {i} * 2;\n    }}\n\n");
        }

        return builder.Append("    public void Last()\n    {\n").Append(body).Append("\n    }\n}\n").ToString();
    }
}
