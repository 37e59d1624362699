using System.Text.Json;
using CodeAssist.Gguf;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.InlineCompletion;

/// <summary>
/// The real `codeassist serve` loading a scripted-weights GGUF (<see cref="ChainModel"/>) as its configured local
/// model: llama.cpp tokenizes the real prompt and decodes greedily, and the weights make the answer exact, so the
/// verification outcome is the real one. Nothing in the model layer is faked.
/// </summary>
public sealed class ChainModelInlineCompletionTests
{
    private const string Uri = "file:///tmp/completion-chain/Inventory.cs";

    private const string Source =
        "using System.Collections.Generic;\n\nsealed class Inventory\n{\n    public int Size()\n    {\n"
        + "        var items = new List<int>();\n        var n = items.\n        return n;\n    }\n}\n";

    // The caret is after "items." on line 7. Both the middle marker and the typed "." start the chain, so the answer
    // is the same whether the prompt ends with <|fim_middle|> or with the line being typed.
    private const int CaretLine = 7;
    private const int CaretCharacter = 22;

    [Fact]
    public async Task CorrectMember_IsShownVerified_WithTheAcceptedCommand()
    {
        await using var run = await StartAsync("Count;");

        var item = Assert.Single(await run.CompleteAsync());

        Assert.Equal("Count;", item.GetProperty("insertText").GetString());
        Assert.Equal("codeAssist.accepted", item.GetProperty("command").GetProperty("command").GetString());
        var stats = await run.StatsAsync();
        Assert.Equal(1, stats.GetProperty("modelCalls").GetInt32());
        Assert.Equal(1, stats.GetProperty("shown").GetInt32());
        Assert.Equal(0, stats.GetProperty("unverified").GetInt32());
        Assert.Equal(0, stats.GetProperty("rejectedByVerification").GetInt32());
        Assert.Equal(0, stats.GetProperty("repaired").GetInt32());
    }

    [Fact]
    public async Task TypingTheSuggestionsFirstLetter_AnswersTheVerifiedRest_WithoutAnotherModelCall()
    {
        await using var run = await StartAsync("Count;");
        Assert.Single(await run.CompleteAsync());

        await run.TypeAsync("C");
        var item = Assert.Single(await run.CompleteAsync(character: 23));

        Assert.Equal("ount;", item.GetProperty("insertText").GetString());
        var stats = await run.StatsAsync();
        Assert.Equal(1, stats.GetProperty("modelCalls").GetInt32());
        Assert.Equal(1, stats.GetProperty("typingThroughHits").GetInt32());
        Assert.Equal(0, stats.GetProperty("unverified").GetInt32());
    }

    [Fact]
    public async Task MisspelledMember_IsRepairedToTheRealOne()
    {
        // CS1061 on "Cuont", and List<int> has one close name: the spelling repair replaces it and verifies again.
        // (Compiler-guided decoding is off: with it, the model could not write "Cuont" in the first place.)
        await using var run = await StartAsync("Cuont;", constrainIdentifiers: false);

        var item = Assert.Single(await run.CompleteAsync());

        Assert.Equal("Count;", item.GetProperty("insertText").GetString());
        var stats = await run.StatsAsync();
        Assert.Equal(1, stats.GetProperty("repaired").GetInt32());
        Assert.Equal(0, stats.GetProperty("unverified").GetInt32());
    }

    [Fact]
    public async Task UnknownMemberWithNoCloseName_IsRejected_AndNothingIsShown()
    {
        await using var run = await StartAsync("Xylophone;", constrainIdentifiers: false);

        Assert.Empty(await run.CompleteAsync());

        var stats = await run.StatsAsync();
        Assert.Equal(1, stats.GetProperty("modelCalls").GetInt32());
        Assert.Equal(1, stats.GetProperty("rejectedByVerification").GetInt32());
        Assert.Equal(0, stats.GetProperty("shown").GetInt32());
    }

    [Fact]
    public async Task FreshServer_WithTheDefaultBudget_NeverShowsTheMisspelledMember()
    {
        // The first verification of a session, on the default 150 ms budget: in time it is repaired; late, it is
        // withheld and its repaired result is what the next request gets. Either way "Cuont" never reaches the user.
        await using var run = await StartAsync("Cuont;", constrainIdentifiers: false, completion: new { debounceMs = 0, constrainIdentifiers = false });

        var first = await run.CompleteAsync();
        Assert.DoesNotContain(first, item => item.GetProperty("insertText").GetString() == "Cuont;");
        // The late check publishes in the background; the stats say when (bounded, so a bug fails instead of hanging).
        for (var polls = 0; polls < 1200 && (await run.StatsAsync()).GetProperty("repaired").GetInt32() == 0; polls++)
        {
            await Task.Delay(50);
        }

        var item = Assert.Single(await run.CompleteAsync());
        Assert.Equal("Count;", item.GetProperty("insertText").GetString());
        Assert.Equal("repaired", item.GetProperty("data").GetProperty("verification").GetString());
        var stats = await run.StatsAsync();
        Assert.Equal(0, stats.GetProperty("unverified").GetInt32());
        Assert.Equal(1, stats.GetProperty("modelCalls").GetInt32());
    }

    [Fact]
    public async Task OutOfBudget_WithShowUnverified_MarksTheItemUnverified()
    {
        await using var run = await StartAsync("Cuont;", constrainIdentifiers: false, completion: new { debounceMs = 0, verifyBudgetMs = 0, showUnverified = true, constrainIdentifiers = false });

        var item = Assert.Single(await run.CompleteAsync());

        Assert.Equal("Cuont;", item.GetProperty("insertText").GetString());
        Assert.Equal("unverified", item.GetProperty("data").GetProperty("verification").GetString());
        Assert.Equal("unverified", item.GetProperty("command").GetProperty("arguments")[1].GetString());
        Assert.Equal(1, (await run.StatsAsync()).GetProperty("unverified").GetInt32());
    }

    [Theory]
    [InlineData(true, "Count;", 0)]
    [InlineData(false, "Count;", 1)]
    public async Task ModelThatMisspellsTheMember_WithTheConstraint_WritesTheRealOne(bool constrainIdentifiers, string shown, int repaired)
    {
        // The model prefers "Cuont" after "." and has the real "Count" as its runner-up. Guided decoding refuses the
        // name List<int> lacks and takes the runner-up, so the candidate needs no repair; without it, the verifier's
        // spelling repair has to fix the model's answer.
        ChainLink[] chains =
        [
            new(["<|fim_middle|>", "."], "Cuont;"),
            new(["."], "Count;") { Weight = 0.5f },
        ];
        await using var run = await StartAsync(chains, constrainIdentifiers);

        var item = Assert.Single(await run.CompleteAsync());

        Assert.Equal(shown, item.GetProperty("insertText").GetString());
        var stats = await run.StatsAsync();
        Assert.Equal(repaired, stats.GetProperty("repaired").GetInt32());
        Assert.Equal(0, stats.GetProperty("rejectedByVerification").GetInt32());
        Assert.Equal(0, stats.GetProperty("unverified").GetInt32());
    }

    private static Task<ChainRun> StartAsync(string continuation, bool constrainIdentifiers = true, object? completion = null) =>
        StartAsync([new ChainLink(["<|fim_middle|>", "."], continuation)], constrainIdentifiers, completion);

    private static async Task<ChainRun> StartAsync(IReadOnlyList<ChainLink> chains, bool constrainIdentifiers, object? completion = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"codeassist-chain-{Guid.NewGuid():N}.gguf");
        ChainModel.Build(chains).WriteTo(path);
        var server = ServerProcess.Start();
        try
        {
            await server.Client.InitializeAsync(
                new { textDocument = new { inlineCompletion = new { } } },
                new { provider = "local", model = path, threads = 1, contextSize = 2048, completion = completion ?? new { debounceMs = 0, verifyBudgetMs = 30000, constrainIdentifiers } });

            // The server loads the model in the background and says so in codeAssist/status.
            await server.Client.WaitUntilSeenAsync(m =>
                m.TryGetProperty("method", out var method) && method.GetString() == "codeAssist/status"
                && m.GetProperty("params").GetProperty("state").GetString() == "ready");
            await server.Client.OpenAsync(Uri, Source);
            return new ChainRun(server, path);
        }
        catch
        {
            await server.DisposeAsync();
            File.Delete(path);
            throw;
        }
    }

    private sealed class ChainRun(ServerProcess server, string modelPath) : IAsyncDisposable
    {
        private int _version = 1;

        public async Task<JsonElement[]> CompleteAsync(int character = CaretCharacter)
        {
            var result = ResponseAssert.Result(await server.Client.RequestAsync(
                "textDocument/inlineCompletion",
                new { textDocument = new { uri = Uri }, position = new { line = CaretLine, character }, context = new { triggerKind = 2 } }));
            return [.. result.GetProperty("items").EnumerateArray()];
        }

        /// <summary>Types <paramref name="text"/> at the caret, as an editor's incremental didChange.</summary>
        public Task TypeAsync(string text)
        {
            var at = new { line = CaretLine, character = CaretCharacter };
            return server.Client.NotifyAsync("textDocument/didChange", new
            {
                textDocument = new { uri = Uri, version = ++_version },
                contentChanges = new[] { new { range = new { start = at, end = at }, text } },
            });
        }

        public async Task<JsonElement> StatsAsync() =>
            ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/stats", new { }));

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            File.Delete(modelPath);
        }
    }
}
