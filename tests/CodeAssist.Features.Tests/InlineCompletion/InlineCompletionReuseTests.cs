using CodeAssist.Features.InlineCompletion;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class InlineCompletionReuseTests
{
    private const string Greeter = """
        sealed class Greeter
        {
            public void Greet(string name)
            {
                $0
            }

            public void Other()
            {
                System.Console.WriteLine("other");
            }
        }
        """;

    private const string Suggestion = "System.Console.WriteLine(name);";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SamePrompt_SecondRequest_IsServedFromCache()
    {
        var model = new FakeCompletionModel(Suggestion);
        using var service = Create(model);
        var (first, position) = CompletionFixture.Create(Greeter);
        var (second, _) = CompletionFixture.Create(Greeter, "/src/Copy.cs");

        await CompleteAsync(service, first, position);
        var result = await CompleteAsync(service, second, position);

        Assert.Equal(Suggestion, Assert.Single(result.Items).InsertText);
        Assert.Equal(InlineCompletionSource.Cache, result.Items[0].Source);
        Assert.Equal(1, model.Calls);
        Assert.Equal(1, service.GetStatistics().CacheHits);
    }

    [Fact]
    public async Task TypingTheSuggestion_AnswersRemainderWithoutModel()
    {
        var model = new FakeCompletionModel(Suggestion);
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        await CompleteAsync(service, document, position);

        var typed = CompletionFixture.Type(document, position, "System.Con");
        var result = await CompleteAsync(service, typed, position + "System.Con".Length);

        var item = Assert.Single(result.Items);
        Assert.Equal("sole.WriteLine(name);", item.InsertText);
        Assert.Equal(InlineCompletionSource.TypingThrough, item.Source);
        Assert.Equal(VerificationState.Verified, item.Verification);
        Assert.Equal(1, model.Calls);
        Assert.Equal(1, service.GetStatistics().TypingThroughHits);
    }

    [Fact]
    public async Task TypingSomethingElse_CallsModelAgain()
    {
        var model = new FakeCompletionModel(request => [request.Prefix.EndsWith("var ", StringComparison.Ordinal) ? "x = name;" : Suggestion]);
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        await CompleteAsync(service, document, position);

        var typed = CompletionFixture.Type(document, position, "var ");
        var result = await CompleteAsync(service, typed, position + 4);

        Assert.Equal("x = name;", Assert.Single(result.Items).InsertText);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task KeystrokeDuringGeneration_JoinsIt()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        var started = model.Started.Task;

        var first = CompleteAsync(service, document, position);
        await started.WaitAsync(Timeout);
        var second = CompleteAsync(service, CompletionFixture.Type(document, position, "Sys"), position + 3);
        gate.SetResult();

        Assert.Equal(Suggestion, Assert.Single((await first.WaitAsync(Timeout)).Items).InsertText);
        Assert.Equal("tem.Console.WriteLine(name);", Assert.Single((await second.WaitAsync(Timeout)).Items).InsertText);
        Assert.Equal(1, model.Calls);
        Assert.Equal(1, service.GetStatistics().InFlightJoins);
    }

    [Fact]
    public async Task KeystrokeDuringGeneration_ThatTheAnswerDoesNotContinue_AsksTheModelAgain()
    {
        var gate = new TaskCompletionSource();
        var calls = 0;
        var model = new FakeCompletionModel(_ => Interlocked.Increment(ref calls) == 1 ? [Suggestion] : ["WriteLine(name);"]) { Gate = gate.Task };
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        var started = model.Started.Task;

        var first = CompleteAsync(service, document, position);
        await started.WaitAsync(Timeout);

        // Typed at the generation's caret, so the keystroke joins it; but the model's answer starts differently.
        var typed = CompletionFixture.Type(document, position, "Console.");
        var second = CompleteAsync(service, typed, position + "Console.".Length);
        gate.SetResult();

        Assert.Equal(Suggestion, Assert.Single((await first.WaitAsync(Timeout)).Items).InsertText);
        var item = Assert.Single((await second.WaitAsync(Timeout)).Items);
        Assert.Equal("WriteLine(name);", item.InsertText);
        Assert.Equal(InlineCompletionSource.Model, item.Source);
        Assert.Equal(2, model.Calls);
        Assert.Equal(1, service.GetStatistics().InFlightJoins);
    }

    [Fact]
    public async Task IncompatibleEdit_SupersedesAndCancelsTheModelCall()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        var started = model.Started.Task;

        var first = CompleteAsync(service, document, position);
        await started.WaitAsync(Timeout);

        // An edit on another line: the running generation's prompt no longer describes the document.
        var text = await document.GetTextAsync();
        var otherLine = text.ToString().IndexOf("\"other\"", StringComparison.Ordinal);
        var edited = CompletionFixture.Type(document, otherLine + 1, "x");
        var secondStarted = model.Started.Task;
        var second = CompleteAsync(service, edited, position);

        Assert.Empty((await first.WaitAsync(Timeout)).Items);
        Assert.Equal(1, model.CancelledCalls);
        gate.SetResult();
        await secondStarted.WaitAsync(Timeout);
        Assert.Equal(Suggestion, Assert.Single((await second.WaitAsync(Timeout)).Items).InsertText);
        Assert.Equal(2, model.Calls);
        Assert.Equal(1, service.GetStatistics().Superseded);
    }

    [Fact]
    public async Task GenerationInAnotherFile_CancelsThePreviousFilesGeneration()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (first, position) = CompletionFixture.Create(Greeter, "/src/First.cs");
        var (second, _) = CompletionFixture.Create(Greeter.Replace("Greeter", "Welcomer", StringComparison.Ordinal), "/src/Second.cs");
        var started = model.Started.Task;

        var inFirst = CompleteAsync(service, first, position);
        await started.WaitAsync(Timeout);
        var secondStarted = model.Started.Task;
        var inSecond = CompleteAsync(service, second, position);
        await secondStarted.WaitAsync(Timeout);

        // The user moved to the second file: the first file's generation would only hold the model up.
        Assert.Empty((await inFirst.WaitAsync(Timeout)).Items);
        Assert.Equal(1, model.CancelledCalls);
        gate.SetResult();
        Assert.Equal(Suggestion, Assert.Single((await inSecond.WaitAsync(Timeout)).Items).InsertText);
        Assert.Equal(1, service.GetStatistics().Superseded);
    }

    [Fact]
    public async Task CancelledRequest_DoesNotStopGenerationOthersCanUse()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        using var cancel = new CancellationTokenSource();
        var started = model.Started.Task;

        var first = CompleteAsync(service, document, position, cancel.Token);
        await started.WaitAsync(Timeout);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        var second = CompleteAsync(service, CompletionFixture.Type(document, position, "S"), position + 1);
        gate.SetResult();
        Assert.Equal("ystem.Console.WriteLine(name);", Assert.Single((await second.WaitAsync(Timeout)).Items).InsertText);
        Assert.Equal(0, model.CancelledCalls);
    }

    [Fact]
    public async Task CaretRestsInAnotherMember_StopsTheGenerationItsCancelledRequestLeftRunning()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        await StartThenCancelAsync(service, model, document, position);
        var other = (await document.GetTextAsync()).ToString().IndexOf("System.Console.WriteLine(\"other\")", StringComparison.Ordinal);

        // The user left Greet() and reads Other(): nobody will join the generation, which would hold the model up.
        await service.Prepare(new InlineCompletionRequest(document, other));

        Assert.Equal(1, model.CancelledCalls);
        Assert.Equal(1, service.GetStatistics().Superseded);
    }

    [Fact]
    public async Task CaretRestsInAnotherFile_StopsThePreviousFilesGeneration()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (first, position) = CompletionFixture.Create(Greeter, "/src/First.cs");
        var (second, _) = CompletionFixture.Create(Greeter.Replace("Greeter", "Welcomer", StringComparison.Ordinal), "/src/Second.cs");
        await StartThenCancelAsync(service, model, first, position);

        await service.Prepare(new InlineCompletionRequest(second, position));

        Assert.Equal(1, model.CancelledCalls);
    }

    [Fact]
    public async Task CaretRestsAfterWhatTheUserTypedOn_KeepsTheGenerationForTheNextKeystroke()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        await StartThenCancelAsync(service, model, document, position);
        var typed = CompletionFixture.Type(document, position, "S");

        // The cursor report after a keystroke: the caret is where the generation's text continues.
        await service.Prepare(new InlineCompletionRequest(typed, position + 1));
        var next = CompleteAsync(service, typed, position + 1);
        gate.SetResult();

        Assert.Equal("ystem.Console.WriteLine(name);", Assert.Single((await next.WaitAsync(Timeout)).Items).InsertText);
        Assert.Equal(0, model.CancelledCalls);
        Assert.Equal(1, model.Calls);
    }

    // A request starts a generation and the editor cancels the request (the user typed on or moved): the generation runs on.
    private static async Task StartThenCancelAsync(InlineCompletionService service, FakeCompletionModel model, Microsoft.CodeAnalysis.Document document, int position)
    {
        using var cancel = new CancellationTokenSource();
        var started = model.Started.Task;
        var request = CompleteAsync(service, document, position, cancel.Token);
        await started.WaitAsync(Timeout);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(0, model.CancelledCalls);
    }

    [Fact]
    public async Task MultiLineBody_AsksForBlockAndCutsAtItsEnd()
    {
        var model = new FakeCompletionModel("var greeting = \"Hello \" + name;\n        System.Console.WriteLine(greeting);\n    }\n\n    void Extra()");
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);

        var result = await CompleteAsync(service, document, position);

        Assert.Equal("var greeting = \"Hello \" + name;\n        System.Console.WriteLine(greeting);", Assert.Single(result.Items).InsertText);
        Assert.DoesNotContain("\n", Assert.Single(model.Requests).StopSequences);
    }

    [Fact]
    public async Task ModelFailure_AnswersEmpty_AndIsCounted()
    {
        var model = new FakeCompletionModel(_ => throw new HttpRequestException("endpoint down"));
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);

        var result = await CompleteAsync(service, document, position);

        Assert.Empty(result.Items);
        Assert.Equal(1, service.GetStatistics().ModelFailures);
    }

    [Fact]
    public async Task Accepted_IsCounted()
    {
        var model = new FakeCompletionModel(Suggestion);
        using var service = Create(model);
        var (document, position) = CompletionFixture.Create(Greeter);
        var result = await CompleteAsync(service, document, position);

        service.Accepted(result.Items[0].Id);
        await service.Speculating;

        // The acceptance also started the generation for what follows the accepted text (not a request).
        var stats = service.GetStatistics();
        Assert.Equal(1, stats.Accepted);
        Assert.Equal(1, stats.Requests);
        Assert.Equal(1, stats.Speculations);
        Assert.Equal(2, stats.ModelCalls);
        Assert.True(stats.LatencyP95Ms > 0);
    }
}
