using System.Text.Json;
using CodeAssist.Server.Tests.Assist;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Xunit;

namespace CodeAssist.Server.Tests.Diagnostics;

/// <summary>
/// Pushed textDocument/publishDiagnostics and code actions for diagnostics the client did not send, over real
/// JSON-RPC frames with the real workspace session.
/// </summary>
public sealed class PublishDiagnosticsTests
{
    private const string Method = "textDocument/publishDiagnostics";

    private const string Broken = "public sealed class Shop\n{\n    int M() => missing;\n}\n";

    private const string Fixed = "public sealed class Shop\n{\n    int M() => 42;\n}\n";

    // "missing" on line 2, UTF-16 columns 15..22.
    private static readonly object MissingRange = new { start = new { line = 2, character = 15 }, end = new { line = 2, character = 22 } };

    [Fact]
    public async Task DidOpen_PublishesTheCompilerError_DidChangeClearsIt_DidCloseClears()
    {
        await using var server = await AssistServer.StartAsync(null, ("Shop.cs", Broken));
        var uri = server.Uri("Shop.cs");

        var opened = await server.Client.WaitForNotificationAsync(Method, p => IsFor(p, uri, 1));

        var diagnostic = Assert.Single(opened.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("CS0103", diagnostic.GetProperty("code").GetString());
        Assert.Equal(1, diagnostic.GetProperty("severity").GetInt32());
        Assert.Equal("CodeAssist", diagnostic.GetProperty("source").GetString());
        Assert.Contains("missing", diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertRange(diagnostic.GetProperty("range"), 2, 15, 2, 22);

        // Two quick changes: the last text wins (the first one's pass is superseded or outdated).
        await ChangeAsync(server, uri, 2, Broken.Replace("missing", "alsoMissing", StringComparison.Ordinal));
        await ChangeAsync(server, uri, 3, Fixed);
        var changed = await server.Client.WaitForNotificationAsync(Method, p => IsFor(p, uri, 3));
        Assert.Empty(changed.GetProperty("diagnostics").EnumerateArray());

        await ChangeAsync(server, uri, 4, Broken);
        var brokenAgain = await server.Client.WaitForNotificationAsync(Method, p => IsFor(p, uri, 4));
        Assert.Single(brokenAgain.GetProperty("diagnostics").EnumerateArray());

        await server.Client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri } });
        var closed = await server.Client.WaitForNotificationAsync(Method, p => p.GetProperty("uri").GetString() == uri && !p.TryGetProperty("version", out _));
        Assert.Empty(closed.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public async Task DidOpen_PublishesWarningsButNotHiddenDiagnostics()
    {
        // CS0219 (assigned but never used) is a warning; the unnecessary using (CS8019) is hidden.
        const string source = "using System.Text;\n\npublic static class Calc\n{\n    public static void Run()\n    {\n        int unused = 1;\n    }\n}\n";
        await using var server = await AssistServer.StartAsync(null, ("Calc.cs", source));
        var uri = server.Uri("Calc.cs");

        var opened = await server.Client.WaitForNotificationAsync(Method, p => IsFor(p, uri, 1));

        var diagnostic = Assert.Single(opened.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("CS0219", diagnostic.GetProperty("code").GetString());
        Assert.Equal(2, diagnostic.GetProperty("severity").GetInt32());
        AssertRange(diagnostic.GetProperty("range"), 6, 12, 6, 18);
    }

    [Fact]
    public async Task CodeAction_WithoutClientDiagnostics_OffersTheModelFixForTheCompilerError()
    {
        await using var server = await AssistServer.StartAsync(new FakeChatClient("unused"), ("Shop.cs", Broken));
        var cursor = new { start = new { line = 2, character = 17 }, end = new { line = 2, character = 17 } };

        var actions = await CodeActionsAsync(server, server.Uri("Shop.cs"), cursor);

        var modelFix = Assert.Single(actions, a => a.GetProperty("title").GetString() == "Fix with CodeAssist: CS0103 (model, compiler-checked)");
        var diagnostic = Assert.Single(modelFix.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("CS0103", diagnostic.GetProperty("code").GetString());
        AssertRange(diagnostic.GetProperty("range"), 2, 15, 2, 22);
        AssertRange(modelFix.GetProperty("data").GetProperty("range"), 2, 15, 2, 22);
    }

    [Fact]
    public async Task CodeAction_WithoutClientDiagnostics_OffersRoslynFixesThatResolve()
    {
        const string source = "public static class Greeter\n{\n    public static int Length(string name) => name.Lenght;\n}\n";
        await using var server = await AssistServer.StartAsync(null, ("Greeter.cs", source));
        var uri = server.Uri("Greeter.cs");
        var range = new { start = new { line = 2, character = 51 }, end = new { line = 2, character = 57 } };

        var actions = await CodeActionsAsync(server, uri, range);

        Assert.DoesNotContain(actions, a => a.GetProperty("title").GetString()!.Contains("model", StringComparison.Ordinal));
        var spelling = actions.First(a => a.GetProperty("kind").GetString() == "quickfix"
            && a.GetProperty("title").GetString()!.Contains("'Length'", StringComparison.Ordinal));
        Assert.Equal("CS1061", spelling.GetProperty("data").GetProperty("diagnosticId").GetString());
        var resolved = ResponseAssert.Result(await server.Client.RequestAsync("codeAction/resolve", spelling));
        var edits = resolved.GetProperty("edit").GetProperty("changes").GetProperty(uri);
        Assert.Contains(edits.EnumerateArray(), e => e.GetProperty("newText").GetString()!.Contains("Length", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CodeAction_AwayFromTheError_OffersNoFix()
    {
        await using var server = await AssistServer.StartAsync(new FakeChatClient("unused"), ("Shop.cs", Broken));
        var elsewhere = new { start = new { line = 0, character = 3 }, end = new { line = 0, character = 3 } };

        var actions = await CodeActionsAsync(server, server.Uri("Shop.cs"), elsewhere);

        Assert.DoesNotContain(actions, a => a.GetProperty("kind").GetString() == "quickfix");
    }

    private static async Task<List<JsonElement>> CodeActionsAsync(AssistServer server, string uri, object range)
    {
        var response = await server.Client.RequestAsync("textDocument/codeAction", new
        {
            textDocument = new { uri },
            range,
            context = new { diagnostics = Array.Empty<object>() },
        });
        return ResponseAssert.Result(response).EnumerateArray().ToList();
    }

    private static Task ChangeAsync(AssistServer server, string uri, int version, string text) =>
        server.Client.NotifyAsync("textDocument/didChange", new
        {
            textDocument = new { uri, version },
            contentChanges = new[] { new { text } },
        });

    private static bool IsFor(JsonElement parameters, string uri, int version) =>
        parameters.GetProperty("uri").GetString() == uri
        && parameters.TryGetProperty("version", out var v) && v.GetInt32() == version;

    private static void AssertRange(JsonElement range, int startLine, int startCharacter, int endLine, int endCharacter)
    {
        Assert.Equal(startLine, range.GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(startCharacter, range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(endLine, range.GetProperty("end").GetProperty("line").GetInt32());
        Assert.Equal(endCharacter, range.GetProperty("end").GetProperty("character").GetInt32());
    }
}
