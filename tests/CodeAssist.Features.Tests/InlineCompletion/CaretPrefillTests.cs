using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.HeadPrefillTests;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>The whole prompt at a resting caret, prefilled after the member's head so the first keystroke only appends to it.</summary>
public sealed class CaretPrefillTests
{
    [Fact]
    public async Task RestingCaret_PrefillsTheWholePromptAfterTheHead_AndTheFirstKeystrokeOnlyAppendsToIt()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { public decimal Total; }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(40, "        var total = $0"));

        await service.Prepare(new InlineCompletionRequest(document, position));
        await service.PrefillIdle;
        await CompleteAsync(service, await Typed(document, position, "o"), position + 1);

        var head = Assert.Single(model.Prefills);
        var rested = Assert.Single(model.PromptPrefills);
        Assert.StartsWith(head.Prefix, rested.Prefix, StringComparison.Ordinal);
        Assert.EndsWith("public void Last()\n    {\n        var total = ", rested.Prefix, StringComparison.Ordinal);
        Assert.StartsWith("\n    }\n}", rested.Suffix, StringComparison.Ordinal);
        var request = Assert.Single(model.Requests);
        Assert.Equal(rested.Prefix + "o", request.Prefix);
        Assert.Equal(rested.Suffix, request.Suffix);
        Assert.Equal(rested.ExtraContext, request.ExtraContext);
        Assert.Equal(rested.FilePath, request.FilePath);
        var stats = service.GetStatistics();
        Assert.Equal(1, stats.PrefilledCaretPrompts);
        Assert.Equal(1, stats.PrefilledCaretHits);
        Assert.Equal(1, stats.PrefilledHeadHits);
    }

    [Fact]
    public async Task KeystrokeThatDoesNotExtendTheRestingPrompt_IsNoHit_AndOnlyTheFirstRequestCounts()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(10, "        var total = $0"));

        await service.Prepare(new InlineCompletionRequest(document, position));
        await service.PrefillIdle;
        // Backspace: the prompt loses the last character of the prefilled one.
        var text = await document.GetTextAsync();
        var deleted = document.WithText(text.WithChanges(new TextChange(new TextSpan(position - 1, 1), "")));
        await CompleteAsync(service, deleted, position - 1);
        await CompleteAsync(service, await Typed(deleted, position - 1, " o"), position + 1);

        Assert.Single(model.PromptPrefills);
        Assert.Equal(0, service.GetStatistics().PrefilledCaretHits);
    }

    [Fact]
    public async Task HeadPreempted_NoWholePromptIsPrefilledBeforeTheHeadCompletes()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true, PrefillsToPreempt = 1 };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(10, "        var total = $0"));

        var prefill = service.Prepare(new InlineCompletionRequest(document, position));
        Assert.True(SpinWait.SpinUntil(() => model.Prefills.Count == 1, TimeSpan.FromSeconds(30)));
        Assert.Empty(model.PromptPrefills);
        await CompleteAsync(service, document, position);
        await prefill;
        await service.PrefillIdle;

        // The pre-empting request scheduled the head again; once it completed, the prompt at that caret followed it.
        Assert.Equal(2, model.Prefills.Count);
        var rested = Assert.Single(model.PromptPrefills);
        Assert.StartsWith(model.Prefills.Last().Prefix, rested.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelWithoutACache_GetsNoWholePromptPrefill()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { }"));
        var (document, position) = CompletionFixture.Create(ClassWithMethods(10, "        var total = $0"));

        await service.Prepare(new InlineCompletionRequest(document, position));
        await service.PrefillIdle;
        await CompleteAsync(service, await Typed(document, position, "o"), position + 1);

        // Not even asked: a provider without a cache (Ollama, OpenAI's service) gets no warm-up request.
        Assert.Equal(0, model.PromptPrefillCalls);
        var stats = service.GetStatistics();
        Assert.Equal(0, stats.PrefilledCaretPrompts);
        Assert.Equal(0, stats.PrefilledCaretHits);
    }

    [Fact]
    public async Task CaretRestsInAnotherMember_StopsTheRunningPrefillForTheOldOne_AndPrefillsTheNewPlace()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true, PrefillsToPreempt = 1 };
        using var service = Create(model, NoVerify, new FakeContextProvider("class Order { }"));
        var (document, last) = CompletionFixture.Create(ClassWithMethods(10, "        var total = $0"));
        var text = (await document.GetTextAsync()).ToString();
        var method3 = text.IndexOf("var value3 = ", StringComparison.Ordinal) + "var value3 = ".Length;

        // The head of Last() runs until a foreground request would pre-empt it; none comes.
        _ = service.Prepare(new InlineCompletionRequest(document, last));
        Assert.True(SpinWait.SpinUntil(() => model.Prefills.Count == 1, TimeSpan.FromSeconds(30)));
        await service.Prepare(new InlineCompletionRequest(document, method3)).WaitAsync(TimeSpan.FromSeconds(30));
        await service.PrefillIdle.WaitAsync(TimeSpan.FromSeconds(30));

        // Method3's head and then its caret were prefilled: the jump did not wait for Last()'s head.
        Assert.Equal(2, model.Prefills.Count);
        Assert.Contains("public void Method8()", model.Prefills.First().Prefix, StringComparison.Ordinal);
        Assert.DoesNotContain("Method8", model.Prefills.Last().Prefix, StringComparison.Ordinal);
        var rested = Assert.Single(model.PromptPrefills);
        Assert.EndsWith("var value3 = ", rested.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaretRestsOnAnotherLineOfTheMember_ItsHeadIsBuiltThereAndUsed()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        using var service = Create(model, NoVerify, new FakeContextProvider("") { ByPosition = p => $"// receiver members for caret {p}" });
        var (document, caret, other) = await TwoLinesOfOneMemberAsync();

        await service.Prepare(new InlineCompletionRequest(document, other));
        await service.PrefillIdle;
        await service.Prepare(new InlineCompletionRequest(document, caret));
        await service.PrefillIdle;
        await CompleteAsync(service, await Typed(document, caret, "o"), caret + 1);

        // Same member, another line: the head's context was collected again at the caret the user rests on.
        Assert.Equal(2, model.Prefills.Count);
        Assert.Contains($"caret {other}", ContextOf(model.Prefills.First()), StringComparison.Ordinal);
        Assert.Contains($"caret {caret}", ContextOf(model.Prefills.Last()), StringComparison.Ordinal);
        Assert.Contains($"caret {caret}", ContextOf(Assert.Single(model.Requests)), StringComparison.Ordinal);
        Assert.Equal(1, service.GetStatistics().PrefilledHeadHits);
    }

    [Fact]
    public async Task NewLinesHeadStillPrefilling_RequestsUseThePreviousPrefilledHead_NotTheColdOne()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        using var service = Create(model, NoVerify, new FakeContextProvider("") { ByPosition = p => $"// receiver members for caret {p}" });
        var (document, caret, other) = await TwoLinesOfOneMemberAsync();
        await service.Prepare(new InlineCompletionRequest(document, other));
        await service.PrefillIdle;

        // The new line's head runs until a request pre-empts it.
        model.PrefillsToPreempt = 1;
        var prefill = service.Prepare(new InlineCompletionRequest(document, caret));
        Assert.True(SpinWait.SpinUntil(() => model.Prefills.Count == 2, TimeSpan.FromSeconds(30)));
        await CompleteAsync(service, document, caret);
        await prefill.WaitAsync(TimeSpan.FromSeconds(30));

        var request = Assert.Single(model.Requests);
        Assert.Contains($"caret {other}", ContextOf(request), StringComparison.Ordinal);
        Assert.Equal(1, service.GetStatistics().PrefilledHeadHits);
    }

    // Last() with two lines: the caret at the end of the second, and another place after "order." on the first.
    private static async Task<(Document Document, int Caret, int Other)> TwoLinesOfOneMemberAsync()
    {
        var (document, caret) = CompletionFixture.Create(ClassWithMethods(10, "        var first = order.Lines;\n        var total = $0"));
        var other = (await document.GetTextAsync()).ToString().IndexOf("order.", StringComparison.Ordinal) + "order.".Length;
        return (document, caret, other);
    }

    private static string ContextOf(InfillRequest request) => string.Concat(request.ExtraContext.Select(snippet => snippet.Text));

    private static async Task<Document> Typed(Document document, int position, string typed)
    {
        var text = await document.GetTextAsync();
        return document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), typed)));
    }
}
