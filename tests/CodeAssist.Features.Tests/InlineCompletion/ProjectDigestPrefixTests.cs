using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>The project digest: prefilled when the project loads, then the first snippet of every prompt in the project.</summary>
public sealed class ProjectDigestPrefixTests
{
    private const string Digest = "// used across the project\nenum JsonToken {\n    // also: StartObject, EndObject\n}\n";

    private static readonly ModelThroughput TwoCores = new(PromptTokensPerSecond: 200, GeneratedTokensPerSecond: 33);

    [Fact]
    public async Task PreparedProject_PrefillsTheDigestAlone_ThenEveryPromptStartsWithIt()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        var context = new FakeContextProvider("class Order { public decimal Total; }") { Digest = Digest };
        using var service = Create(model, Options(verify: false), context);
        var (document, position) = CompletionFixture.Create(HeadPrefillTests.ClassWithMethods(10, "        var total = $0"));

        await service.PrepareProject(document);
        await service.PrefillIdle;
        var digest = Assert.Single(model.Prefills);
        var snippet = Assert.Single(digest.ExtraContext);
        Assert.Equal((ProjectDigestPrefix.SnippetPath, Digest), (snippet.FilePath, snippet.Text));
        Assert.Equal("", digest.Prefix);

        var text = await document.GetTextAsync();
        await CompleteAsync(service, document, position);
        // Another member: its own context, the same digest first.
        var line = text.ToString().IndexOf("        var value3", StringComparison.Ordinal);
        const string typed = "        var other = \n";
        await CompleteAsync(service, document.WithText(text.WithChanges(new TextChange(new TextSpan(line, 0), typed))), line + typed.Length - 1);
        await service.PrefillIdle;

        // The requests, and the members' heads their cold prompts had prefilled in the background, all start with it.
        Assert.Equal(2, model.Requests.Count);
        Assert.All(model.Requests, request => Assert.Contains("class Order", request.ExtraContext[1].Text, StringComparison.Ordinal));
        Assert.All(model.Requests.Concat(model.Prefills.Skip(1)), request => Assert.Equal(snippet, request.ExtraContext[0]));
        Assert.Equal([new ContextOptions().ProjectDigestTokens], context.DigestBudgets.Distinct().ToArray());
    }

    [Fact]
    public async Task DigestNotYetInTheCache_IsLeftOutOfTheColdPrompt_AndFilledBeforeTheMembersHead()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        using var service = Create(model, Options(verify: false), new FakeContextProvider("class Order { }") { Digest = Digest });
        var (document, position) = CompletionFixture.Create(HeadPrefillTests.ClassWithMethods(10, "        var total = $0"));

        await CompleteAsync(service, document, position);
        await service.PrefillIdle;

        // The cold request paid for nothing it did not need; its prefill then filled the digest and the member's head on it.
        var request = Assert.Single(model.Requests);
        Assert.DoesNotContain(request.ExtraContext, s => s.FilePath == ProjectDigestPrefix.SnippetPath);
        Assert.Equal(2, model.Prefills.Count);
        Assert.Equal(ProjectDigestPrefix.SnippetPath, model.Prefills.First().ExtraContext.Single().FilePath);
        Assert.Equal(ProjectDigestPrefix.SnippetPath, model.Prefills.Last().ExtraContext[0].FilePath);
        Assert.NotEqual("", model.Prefills.Last().Prefix);

        var text = await document.GetTextAsync();
        await CompleteAsync(service, document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), "o"))), position + 1);
        Assert.Equal(model.Prefills.Last().ExtraContext, model.Requests.Last().ExtraContext);
        Assert.Equal(1, service.GetStatistics().PrefilledHeadHits);
    }

    [Fact]
    public async Task DigestPrefillPreempted_LeavesItOut_UntilAPrefillCompletesIt()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true, PrefillsToPreempt = 1 };
        using var service = Create(model, Options(verify: false), new FakeContextProvider("class Order { }") { Digest = Digest });
        var (document, position) = CompletionFixture.Create(HeadPrefillTests.ClassWithMethods(10, "        var total = $0"));

        // The digest's prefill runs until this request starts, then reports itself pre-empted.
        var prepared = service.PrepareProject(document);
        Assert.True(SpinWait.SpinUntil(() => model.Prefills.Count == 1, TimeSpan.FromSeconds(30)));
        await CompleteAsync(service, document, position);
        await prepared;
        Assert.DoesNotContain(model.Requests.Single().ExtraContext, s => s.FilePath == ProjectDigestPrefix.SnippetPath);

        await service.PrefillIdle;
        Assert.Equal(1, service.GetStatistics().PrefillPreemptions);
        Assert.Equal(ProjectDigestPrefix.SnippetPath, model.Prefills.ElementAt(1).ExtraContext.Single().FilePath);
        Assert.Equal(ProjectDigestPrefix.SnippetPath, model.Prefills.Last().ExtraContext[0].FilePath);
        Assert.Equal(3, model.Prefills.Count);
    }

    [Fact]
    public async Task ChangedExclusions_BuildTheDigestAgain()
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = true };
        var context = new FakeContextProvider("class Order { }") { Digest = Digest };
        var exclusions = new ContentExclusions();
        var settings = Options(verify: false);
        using var service = new InlineCompletionService(new FakeLanguageModels(model), context, () => settings, exclusions: exclusions);
        var (document, _) = CompletionFixture.Create(HeadPrefillTests.ClassWithMethods(10, "        var total = $0"));

        await service.PrepareProject(document);
        await service.PrefillIdle;
        await service.PrepareProject(document);
        await service.PrefillIdle;
        Assert.Single(context.DigestBudgets);

        // The collector leaves newly excluded files out of a digest it builds again; the prompt side must ask for it.
        exclusions.Update(ContentExclusion.Create("/src", ["Secret.cs"]));
        await service.PrepareProject(document);
        await service.PrefillIdle;
        Assert.Equal(2, context.DigestBudgets.Count);
    }

    [Theory]
    [InlineData(false, 512)]
    [InlineData(true, 0)]
    public async Task NoCacheOrTurnedOff_NoDigestAnywhere(bool cache, int budget)
    {
        var model = new FakeCompletionModel("x;") { Throughput = TwoCores, SupportsPrefill = cache };
        var options = Options(verify: false) with { Context = new ContextOptions { ProjectDigestTokens = budget } };
        using var service = Create(model, options, new FakeContextProvider("class Order { }") { Digest = Digest });
        var (document, position) = CompletionFixture.Create(HeadPrefillTests.ClassWithMethods(10, "        var total = $0"));

        await service.PrepareProject(document);
        await service.PrefillIdle;
        await CompleteAsync(service, document, position);
        await service.PrefillIdle;

        Assert.DoesNotContain(model.Prefills.Concat(model.Requests).SelectMany(r => r.ExtraContext), s => s.FilePath == ProjectDigestPrefix.SnippetPath);
        Assert.DoesNotContain(model.Requests.SelectMany(r => r.ExtraContext), s => s.Text.Contains("JsonToken", StringComparison.Ordinal));
    }
}
