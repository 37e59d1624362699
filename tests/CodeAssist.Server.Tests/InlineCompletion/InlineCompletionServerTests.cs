using CodeAssist.Llm;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.InlineCompletion;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.InlineCompletion;

/// <summary>Inline completion through the real server over JSON-RPC frames, with a scripted completion model.</summary>
public sealed class InlineCompletionServerTests
{
    private const string Uri = "file:///tmp/completion/Greeter.cs";

    // Caret at line 4, character 8 (the empty line of the method body).
    private const string Greeter = "sealed class Greeter\n{\n    public void Greet(string name)\n    {\n        \n    }\n}\n";

    private const string Suggestion = "System.Console.WriteLine(name);";

    private static readonly object InlineCapable = new { textDocument = new { inlineCompletion = new { } } };

    [Fact]
    public async Task InlineCompletion_ReturnsVerifiedItem_WithAcceptedCommand_CountedInStats()
    {
        var model = new FakeCompletionModel(Suggestion);
        await using var server = await StartAsync(model);

        var result = ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 8)));

        var item = Assert.Single(result.GetProperty("items").EnumerateArray());
        Assert.Equal(Suggestion, item.GetProperty("insertText").GetString());
        Assert.Equal(4, item.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(8, item.GetProperty("range").GetProperty("end").GetProperty("character").GetInt32());
        var command = item.GetProperty("command");
        Assert.Equal("codeAssist.accepted", command.GetProperty("command").GetString());

        var accept = new { command = "codeAssist.accepted", arguments = new[] { command.GetProperty("arguments")[0].GetString() } };
        ResponseAssert.Result(await server.Client.RequestAsync("workspace/executeCommand", accept));

        // As VS Code does after Tab: the text now holds the suggestion, and the client asks again at its end. The
        // acceptance started that generation already (speculation), so the request makes no model call of its own.
        await server.Client.NotifyAsync("textDocument/didChange", Insert(2, 4, 8, Suggestion));
        ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 8 + Suggestion.Length)));
        var stats = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));
        Assert.Equal(2, stats.GetProperty("requests").GetInt64());
        Assert.Equal(1, stats.GetProperty("speculations").GetInt64());
        Assert.Equal(2, stats.GetProperty("modelCalls").GetInt64());
        Assert.Equal(1, stats.GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task DidChangeCursor_PrefillsTheMembersHeadThenTheWholePrompt_AndTheNextRequestThereHitsBoth()
    {
        var model = new FakeCompletionModel(Suggestion) { SupportsPrefill = true };
        await using var server = InProcessServer.Start(services => services.AddSingleton<ILanguageModels>(new FakeLanguageModels(model)));
        var initialized = ResponseAssert.Result(await server.Client.InitializeAsync(InlineCapable, initializationOptions: new { completion = new { debounceMs = 0, verifyBudgetMs = 30000 } }));
        await server.Client.OpenAsync(Uri, Greeter);
        Assert.Contains(
            "codeAssist/didChangeCursor",
            initialized.GetProperty("capabilities").GetProperty("experimental").GetProperty("codeAssist").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));

        await server.Client.NotifyAsync("codeAssist/didChangeCursor", new { textDocument = new { uri = Uri }, position = new { line = 4, character = 8 } });
        Assert.True(SpinWait.SpinUntil(() => model.Prefills.Count > 0, LspTestClient.Timeout));
        var stats = await WaitForStatsAsync(server, s => s.GetProperty("prefilledCaretPrompts").GetInt64() > 0);
        Assert.Equal(1, stats.GetProperty("prefilledCaretPrompts").GetInt64());
        ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 8)));

        stats = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));
        Assert.Equal(1, stats.GetProperty("prefilledHeadHits").GetInt64());
        Assert.Equal(1, stats.GetProperty("prefilledCaretHits").GetInt64());
        var head = Assert.Single(model.Prefills);
        var request = Assert.Single(model.Requests);
        Assert.StartsWith(head.Prefix, request.Prefix, StringComparison.Ordinal);
        Assert.Contains("sealed class Greeter", head.Prefix, StringComparison.Ordinal);
        var rested = Assert.Single(model.PromptPrefills);
        Assert.Equal(rested.Prefix, request.Prefix);
        Assert.Equal(rested.Suffix, request.Suffix);
    }

    [Fact]
    public async Task DidChangeCursor_ForADocumentThatIsNotOpen_IsIgnored()
    {
        var model = new FakeCompletionModel(Suggestion) { SupportsPrefill = true };
        await using var server = await StartAsync(model);

        await server.Client.NotifyAsync("codeAssist/didChangeCursor", new { textDocument = new { uri = "file:///tmp/completion/Other.cs" }, position = new { line = 400, character = 2 } });
        var stats = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));

        Assert.Equal(0, stats.GetProperty("prefilledTokens").GetInt64());
        Assert.Empty(model.Prefills);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForStatsAsync(InProcessServer server, Func<System.Text.Json.JsonElement, bool> condition)
    {
        // The prefill runs in the background: poll the counters (a protocol fact, not a time limit) until it is done.
        for (var attempt = 0; ; attempt++)
        {
            var stats = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));
            if (condition(stats) || attempt > 600)
            {
                return stats;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TypingTheSuggestion_IsAnsweredWithoutAModelCall()
    {
        var model = new FakeCompletionModel(Suggestion);
        await using var server = await StartAsync(model);
        ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 8)));

        await server.Client.NotifyAsync("textDocument/didChange", Insert(2, 4, 8, "System."));
        var result = ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 15)));

        Assert.Equal("Console.WriteLine(name);", Assert.Single(result.GetProperty("items").EnumerateArray()).GetProperty("insertText").GetString());
        var stats = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));
        Assert.Equal(1, stats.GetProperty("modelCalls").GetInt64());
        Assert.Equal(1, stats.GetProperty("typingThroughHits").GetInt64());
    }

    [Fact]
    public async Task EditElsewhere_WhileGenerating_CancelsTheModelCall()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        await using var server = await StartAsync(model);
        var started = model.Started.Task;

        var first = await server.Client.StartRequestAsync("textDocument/inlineCompletion", InlineParams(4, 8), server.Client.NextId());
        await started.WaitAsync(LspTestClient.Timeout);
        var secondStarted = model.Started.Task;
        await server.Client.NotifyAsync("textDocument/didChange", Insert(2, 0, 0, "// header\n"));
        var second = await server.Client.StartRequestAsync("textDocument/inlineCompletion", InlineParams(5, 8), server.Client.NextId());

        // The queue cancels the first request on didChange; the incompatible second one cancels its generation
        // before starting its own.
        await secondStarted.WaitAsync(LspTestClient.Timeout);
        Assert.Equal(1, model.CancelledCalls);
        var firstResponse = await first.WaitAsync(LspTestClient.Timeout);
        Assert.True(firstResponse.TryGetProperty("error", out _) || firstResponse.GetProperty("result").GetProperty("items").GetArrayLength() == 0);
        gate.SetResult();
        var secondResult = ResponseAssert.Result(await second.WaitAsync(LspTestClient.Timeout));
        Assert.Equal(Suggestion, Assert.Single(secondResult.GetProperty("items").EnumerateArray()).GetProperty("insertText").GetString());
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task CloseDocument_WhileGenerating_CancelsTheGeneration_AndReopeningCompletesAgain()
    {
        var gate = new TaskCompletionSource();
        var model = new FakeCompletionModel(Suggestion) { Gate = gate.Task };
        await using var server = await StartAsync(model);
        var started = model.Started.Task;
        var first = await server.Client.StartRequestAsync("textDocument/inlineCompletion", InlineParams(4, 8), server.Client.NextId());
        await started.WaitAsync(LspTestClient.Timeout);

        await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = Uri } });

        // The queue runs didClose alone, so a request sent after it is answered after the close took effect.
        ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));
        Assert.Equal(1, model.CancelledCalls);
        var firstResponse = await first.WaitAsync(LspTestClient.Timeout);
        Assert.True(firstResponse.TryGetProperty("error", out _) || firstResponse.GetProperty("result").GetProperty("items").GetArrayLength() == 0);

        gate.SetResult();
        await server.Client.OpenAsync(Uri, Greeter);
        var result = ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 8)));

        Assert.Equal(Suggestion, Assert.Single(result.GetProperty("items").EnumerateArray()).GetProperty("insertText").GetString());
        Assert.Equal(2, model.Calls);
        Assert.Equal(1, model.CancelledCalls);
    }

    [Fact]
    public async Task Capabilities_InlineClient_GetsInlineProviderAndCommand()
    {
        await using var server = InProcessServer.Start(_ => { });
        var capabilities = ResponseAssert.Result(await server.Client.InitializeAsync(InlineCapable)).GetProperty("capabilities");

        Assert.True(capabilities.TryGetProperty("inlineCompletionProvider", out _));
        Assert.False(capabilities.TryGetProperty("completionProvider", out _));
        Assert.Contains("codeAssist.accepted", capabilities.GetProperty("executeCommandProvider").GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task OlderClient_GetsTheSuggestionAsACompletionItemWithTextEdit()
    {
        var model = new FakeCompletionModel("Line(name);");
        await using var server = InProcessServer.Start(services => services.AddSingleton<ILanguageModels>(new FakeLanguageModels(model)));
        var capabilities = ResponseAssert.Result(await server.Client.InitializeAsync(
            initializationOptions: new { completion = new { verifyBudgetMs = 30000 } })).GetProperty("capabilities");
        Assert.True(capabilities.TryGetProperty("completionProvider", out _));
        await server.Client.OpenAsync(Uri, Greeter.Replace("        \n", "        System.Console.Write\n", StringComparison.Ordinal));

        var result = ResponseAssert.Result(await server.Client.RequestAsync("textDocument/completion", InlineParams(4, 28)));

        var item = Assert.Single(result.GetProperty("items").EnumerateArray());
        var edit = item.GetProperty("textEdit");
        Assert.Equal("WriteLine(name);", edit.GetProperty("newText").GetString());
        Assert.Equal(23, edit.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(28, edit.GetProperty("range").GetProperty("end").GetProperty("character").GetInt32());
        Assert.Equal("codeAssist.accepted", item.GetProperty("command").GetProperty("command").GetString());
    }

    [Fact]
    public async Task NoModel_AnswersFromRoslyn()
    {
        await using var server = InProcessServer.Start(_ => { });
        await server.Client.InitializeAsync(InlineCapable);
        await server.Client.OpenAsync(Uri, Greeter.Replace("        \n", "        System.Console.WriteL\n", StringComparison.Ordinal));

        var result = ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", InlineParams(4, 29)));

        var item = Assert.Single(result.GetProperty("items").EnumerateArray());
        Assert.Equal("WriteLine", item.GetProperty("insertText").GetString());
        Assert.Equal(23, item.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32());
    }

    [Fact]
    public async Task UnknownCommand_IsInvalidParams()
    {
        await using var server = InProcessServer.Start(_ => { });
        await server.Client.InitializeAsync();

        var response = await server.Client.RequestAsync("workspace/executeCommand", new { command = "codeAssist.nope" });

        Assert.Contains("codeAssist.accepted", ResponseAssert.Error(response, LspErrorCodes.InvalidParams), StringComparison.Ordinal);
    }

    private static async Task<InProcessServer> StartAsync(ICompletionModel model)
    {
        var server = InProcessServer.Start(services => services.AddSingleton<ILanguageModels>(new FakeLanguageModels(model)));
        await server.Client.InitializeAsync(InlineCapable, initializationOptions: new { completion = new { debounceMs = 0, verifyBudgetMs = 30000 } });
        await server.Client.OpenAsync(Uri, Greeter);
        return server;
    }

    private static object InlineParams(int line, int character) =>
        new { textDocument = new { uri = Uri }, position = new { line, character }, context = new { triggerKind = 2 } };

    private static object Insert(int version, int line, int character, string text) => new
    {
        textDocument = new { uri = Uri, version },
        contentChanges = new[] { new { range = new { start = new { line, character }, end = new { line, character } }, text } },
    };
}
