using System.Text.Json;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Xunit;

namespace CodeAssist.Server.Tests.Assist;

/// <summary>codeAction, codeAction/resolve, codeAssist/explain and codeAssist/analyzeStackTrace over real JSON-RPC frames.</summary>
public sealed class AssistHandlerTests
{
    private static readonly object ErrorRange = new { start = new { line = 9, character = 15 }, end = new { line = 9, character = 32 } };

    [Fact]
    public async Task CodeAction_ListsActionsWithoutEdits_AndResolveComputesTheVerifiedModelFix()
    {
        await using var server = await AssistServer.StartAsync(new FakeChatClient(CounterSample.ValidFixAnswer), ("Counter.cs", CounterSample.Source));

        var actions = await CodeActionsAsync(server, ErrorRange, "CS0029");

        Assert.Contains(actions, a => a.GetProperty("title").GetString() == "Explain with CodeAssist"
            && a.GetProperty("command").GetProperty("command").GetString() == "codeassist.explain");
        Assert.All(actions, a => Assert.False(a.TryGetProperty("edit", out _)));
        var modelFix = Assert.Single(actions, a => a.GetProperty("title").GetString() == "Fix with CodeAssist: CS0029 (model, compiler-checked)");
        Assert.Equal("quickfix", modelFix.GetProperty("kind").GetString());

        var resolved = ResponseAssert.Result(await server.Client.RequestAsync("codeAction/resolve", modelFix));

        Assert.Equal("Fix with CodeAssist (model): return the number, not its text.", resolved.GetProperty("title").GetString());
        var edits = resolved.GetProperty("edit").GetProperty("changes").GetProperty(server.Uri("Counter.cs"));
        var applied = Apply(CounterSample.Source, edits);
        Assert.Contains("        return _count;\n", applied, StringComparison.Ordinal);
        Assert.DoesNotContain("ToString", applied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeActionResolve_ModelFixThatKeepsTheError_HasNoEditAndSaysWhy()
    {
        var unchanged = CounterSample.ValidFixAnswer.Replace("return _count;", "return _count.ToString();", StringComparison.Ordinal);
        await using var server = await AssistServer.StartAsync(new FakeChatClient(unchanged), ("Counter.cs", CounterSample.Source));
        var modelFix = (await CodeActionsAsync(server, ErrorRange, "CS0029")).Single(a => a.GetProperty("title").GetString()!.StartsWith("Fix with CodeAssist", StringComparison.Ordinal));

        var resolved = ResponseAssert.Result(await server.Client.RequestAsync("codeAction/resolve", modelFix));

        Assert.False(resolved.TryGetProperty("edit", out _));
        var message = await server.Client.WaitForNotificationAsync("window/showMessage");
        Assert.Contains("does not remove CS0029", message.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeAction_NoModel_OffersRoslynFixesThatResolveToEdits()
    {
        const string source = "public static class Greeter\n{\n    public static int Length(string name) => name.Lenght;\n}\n";
        await using var server = await AssistServer.StartAsync(null, ("Greeter.cs", source));
        var range = new { start = new { line = 2, character = 51 }, end = new { line = 2, character = 57 } };

        var actions = await CodeActionsAsync(server, range, "CS1061");

        Assert.DoesNotContain(actions, a => a.GetProperty("title").GetString()!.Contains("model", StringComparison.Ordinal));
        var spelling = actions.First(a => a.GetProperty("title").GetString()!.Contains("'Length'", StringComparison.Ordinal));
        var quickFixes = actions.Where(a => a.GetProperty("kind").GetString() == "quickfix").ToList();
        Assert.Equal(spelling.GetProperty("title").GetString(), quickFixes[0].GetProperty("title").GetString());
        Assert.True(quickFixes[0].GetProperty("isPreferred").GetBoolean());
        Assert.Single(actions, a => a.TryGetProperty("isPreferred", out var preferred) && preferred.ValueKind == JsonValueKind.True);
        var resolved = ResponseAssert.Result(await server.Client.RequestAsync("codeAction/resolve", spelling));
        Assert.Contains("name.Length;", Apply(source, resolved.GetProperty("edit").GetProperty("changes").GetProperty(server.Uri("Greeter.cs"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeActionResolve_ModelRefactorChangingAPublicSignature_IsRefusedByDefault_AndOfferedWhenTheSettingAllowsIt()
    {
        const string totals = "namespace Shop;\n\npublic sealed class Totals\n{\n    public int Sum(int[] values)\n    {\n        var total = 0;\n"
            + "        foreach (var value in values)\n        {\n            total += value;\n        }\n\n        return total;\n    }\n}\n";
        const string answer = "Rationale: accept any sequence.\n```csharp\n"
            + "public int Sum(System.Collections.Generic.IEnumerable<int> values) => System.Linq.Enumerable.Sum(values);\n```\n";
        await using var server = await AssistServer.StartAsync(new FakeChatClient(answer, answer), ("Totals.cs", totals));
        var range = new { start = new { line = 4, character = 0 }, end = new { line = 13, character = 5 } };
        var response = await server.Client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = server.Uri("Totals.cs") },
            range,
            context = new { diagnostics = Array.Empty<object>() },
        });
        var refactor = ResponseAssert.Result(response).EnumerateArray().Single(a => a.GetProperty("title").GetString() == "Suggest refactoring (CodeAssist)");

        var refused = ResponseAssert.Result(await server.Client.RequestAsync("codeAction/resolve", refactor));

        Assert.False(refused.TryGetProperty("edit", out _));
        var message = await server.Client.WaitForNotificationAsync("window/showMessage");
        Assert.Contains("changes a public signature", message.GetProperty("message").GetString(), StringComparison.Ordinal);

        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { codeassist = new { refactor = new { allowSignatureChanges = true } } } });
        var offered = ResponseAssert.Result(await server.Client.RequestAsync("codeAction/resolve", refactor));

        var applied = Apply(totals, offered.GetProperty("edit").GetProperty("changes").GetProperty(server.Uri("Totals.cs")));
        Assert.Contains("public int Sum(System.Collections.Generic.IEnumerable<int> values)", applied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_AfterCacheRedisChanges_BuildsTheSharedCacheWithoutARestart()
    {
        const string variable = "CODEASSIST_TEST_REDIS_NEVER_SET";
        var client = new FakeChatClient("`Next` increments the count.", "`Next` increments the count.");
        await using var server = await AssistServer.StartAsync(client, ("Counter.cs", CounterSample.Source));
        var explain = new
        {
            textDocument = new { uri = server.Uri("Counter.cs") },
            range = new { start = new { line = 6, character = 0 }, end = new { line = 10, character = 5 } },
        };
        ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/explain", explain));
        Assert.DoesNotContain(ShownMessages(server), m => m.Contains(variable, StringComparison.Ordinal));

        await server.Client.NotifyAsync("workspace/didChangeConfiguration", new { settings = new { codeassist = new { cache = new { redis = variable } } } });
        ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/explain", explain));

        // The new setting is read by the next request: the cache it builds names the (unset) variable once.
        Assert.Single(ShownMessages(server), m => m.Contains(variable + ", which is not set", StringComparison.Ordinal));
    }

    private static List<string> ShownMessages(AssistServer server) => server.Client.SeenNotifications
        .Where(n => n.GetProperty("method").GetString() == "window/showMessage")
        .Select(n => n.GetProperty("params").GetProperty("message").GetString() ?? "")
        .ToList();

    [Fact]
    public async Task Explain_StreamsPartialResultsThenReturnsTheFullText()
    {
        var client = new FakeChatClient("`Next` increments and returns the count.\n\n**Key risks**\n- Not thread-safe.");
        await using var server = await AssistServer.StartAsync(client, ("Counter.cs", CounterSample.Source.Replace("_count.ToString()", "_count", StringComparison.Ordinal)));

        var response = await server.Client.RequestAsync("codeAssist/explain", new
        {
            textDocument = new { uri = server.Uri("Counter.cs") },
            range = new { start = new { line = 6, character = 0 }, end = new { line = 10, character = 5 } },
            partialResultToken = "explain-1",
        });

        var result = ResponseAssert.Result(response);
        Assert.Equal("fake-model", result.GetProperty("modelId").GetString());
        var partials = server.Client.SeenNotifications
            .Where(n => n.GetProperty("method").GetString() == "$/progress" && n.GetProperty("params").GetProperty("token").GetString() == "explain-1")
            .Select(n => n.GetProperty("params").GetProperty("value").GetProperty("markdown").GetString())
            .ToList();
        Assert.True(partials.Count > 3);

        // The stream is the raw answer; the result replaces it with the checked one, whose names link to their declaration.
        Assert.Equal("`Next` increments and returns the count.\n\n**Key risks**\n- Not thread-safe.", string.Concat(partials));
        Assert.StartsWith($"[`Next`]({server.Uri("Counter.cs")}#L7) increments", result.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Contains("public int Counter.Next()", client.LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ChecksTheNamesOfTheAnswer_LinksFiveAndFlagsThree()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "Inventory");
        var files = Directory.GetFiles(sample, "*.cs").Select(path => (Path.GetFileName(path), File.ReadAllText(path))).ToArray();
        await using var server = await AssistServer.StartAsync(new FakeChatClient(NamesAnswer.Text), files);

        var response = await server.Client.RequestAsync("codeAssist/explain", new
        {
            textDocument = new { uri = server.Uri("InventoryService.cs") },
            range = new { start = new { line = 20, character = 0 }, end = new { line = 43, character = 5 } },
        });

        var result = ResponseAssert.Result(response);
        var names = result.GetProperty("names").EnumerateArray().ToList();
        Assert.Equal(5, names.Count(n => n.GetProperty("resolved").GetBoolean()));
        Assert.Equal(3, names.Count(n => !n.GetProperty("resolved").GetBoolean()));
        Assert.Equal(3, result.GetProperty("unresolvedNames").GetInt32());
        var reserved = names.Single(n => n.GetProperty("name").GetString() == "Reserved").GetProperty("location");
        Assert.Equal(server.Uri("StockLevel.cs"), reserved.GetProperty("uri").GetString());
        Assert.Equal(15, reserved.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        var markdown = result.GetProperty("markdown").GetString()!;
        Assert.Contains($"[`Reserved`]({server.Uri("StockLevel.cs")}#L16)", markdown, StringComparison.Ordinal);
        Assert.Contains("`StockLevel.Replenish()` (not found in this workspace)", markdown, StringComparison.Ordinal);
        Assert.Equal(3, markdown.Split("(not found in this workspace)").Length - 1);
    }

    [Fact]
    public async Task Explain_WhileTheProjectLoads_ChecksTheNamesAgainstTheLoadedProject()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "Inventory");
        var files = Directory.GetFiles(sample).Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".csproj", StringComparison.Ordinal))
            .OrderBy(path => Path.GetFileName(path) != "InventoryService.cs")
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path))).ToArray();
        using var session = new GatedWorkspaceSession();
        await using var server = await AssistServer.StartAsync(new FakeChatClient(NamesAnswer.Text), session, files);
        var explain = server.Client.RequestAsync("codeAssist/explain", new
        {
            textDocument = new { uri = server.Uri("InventoryService.cs") },
            range = new { start = new { line = 20, character = 0 }, end = new { line = 43, character = 5 } },
        });

        // Until the project loads, the open file is all the server has, and the names of the other files are unknown.
        // Without the wait, the answer would be complete (and its names flagged) long before the load is let go.
        await Task.WhenAny(explain, Task.Delay(TimeSpan.FromSeconds(1)));
        session.Open();
        var result = ResponseAssert.Result(await explain);
        var names = result.GetProperty("names").EnumerateArray().ToList();
        Assert.Equal(5, names.Count(n => n.GetProperty("resolved").GetBoolean()));
        Assert.Equal(3, result.GetProperty("unresolvedNames").GetInt32());
        Assert.Contains($"[`Reserved`]({server.Uri("StockLevel.cs")}#L16)", result.GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeStackTrace_MapsFramesToWorkspaceLocations()
    {
        await using var server = await AssistServer.StartAsync(null, ("OrderProcessor.cs", FailingProgram.ProcessorFile));
        var trace = $"""
            System.ArgumentException: Unknown sku
               at Sample.OrderProcessor.Check(String s) in {Path.Combine(server.Folder, "OrderProcessor.cs")}:line 21
               at System.Linq.Enumerable.ToList[TSource](IEnumerable`1 source)
               at Sample.OrderProcessor.<ProcessAsync>d__0.MoveNext()
            """;

        var result = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/analyzeStackTrace", new { text = trace }));

        var frames = result.GetProperty("exceptions")[0].GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal("private static int OrderProcessor.Check(string s)", frames[0].GetProperty("symbol").GetString());
        Assert.Equal(server.Uri("OrderProcessor.cs"), frames[0].GetProperty("location").GetProperty("uri").GetString());
        Assert.Equal(20, frames[0].GetProperty("location").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.False(frames[1].GetProperty("inWorkspace").GetBoolean());
        Assert.Equal("public Task<int> OrderProcessor.ProcessAsync(string sku)", frames[2].GetProperty("symbol").GetString());
        Assert.Contains("codeassist models pull", result.GetProperty("notice").GetString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> CodeActionsAsync(AssistServer server, object range, string code)
    {
        var response = await server.Client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri = server.Uri(server.Folder.Length > 0 ? FirstFile(server) : "") },
            range,
            context = new { diagnostics = new[] { new { range, code, message = "error", severity = 1 } } },
        });
        return ResponseAssert.Result(response).EnumerateArray().ToList();
    }

    private static string FirstFile(AssistServer server) => Path.GetFileName(Directory.GetFiles(server.Folder, "*.cs").Single());

    private static string Apply(string text, JsonElement edits)
    {
        var lines = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(i + 1);
            }
        }

        int Offset(JsonElement position) => lines[position.GetProperty("line").GetInt32()] + position.GetProperty("character").GetInt32();
        foreach (var edit in edits.EnumerateArray().OrderByDescending(e => Offset(e.GetProperty("range").GetProperty("start"))))
        {
            var start = Offset(edit.GetProperty("range").GetProperty("start"));
            var end = Offset(edit.GetProperty("range").GetProperty("end"));
            text = text[..start] + edit.GetProperty("newText").GetString() + text[end..];
        }

        return text;
    }
}
