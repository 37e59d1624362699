using CodeAssist.Context;
using CodeAssist.Server.Tests.EndToEnd;
using Xunit;

namespace CodeAssist.Server.Tests.Trust;

/// <summary>
/// Issue #12.2 against a recording endpoint: an excluded file's text reaches no request, whether as the current
/// file (completion, explain), as cross-file declarations or lexical snippets, or as stack-trace frame code.
/// </summary>
public sealed class ContentExclusionServerTests
{
    // Vault.cs is excluded; each secret marker sits on its own line so that any quoting of the file would carry one.
    private const string Vault = """
        class Vault
        {
            public string Open(string zebraPassword)
            {
                var phrase = "hunter2-VaultBodyMarker";
                return phrase + zebraPassword;
            }

            public string ZebraSecretMember(string zebraPassword) => zebraPassword;
        }
        """;

    private const string Program = """
        class Program
        {
            static string ProgramMarker(Vault vault, string zebraPassword)
            {
                var zebraOpened = vault.Open(zebraPassword);
                return vault.
            }
        }
        """;

    private static Task<TrustServer> StartAsync() => TrustServer.StartAsync(
        endpoint => new { provider = "openai", endpoint, model = "recorder", completion = new { verify = false, debounceMs = 0 } },
        ("Vault.cs", Vault),
        ("Program.cs", Program),
        (ContentExclusion.IgnoreFileName, "# keep the vault away from models\nVault.cs\n"));

    [Fact]
    public async Task ExcludedFile_NeverAppearsInAnyRequest_WhileOtherFilesStillReachTheModel()
    {
        await using var server = await StartAsync();
        await server.OpenAsync("Vault.cs");
        await server.OpenAsync("Program.cs");

        // Program.cs: completion after "vault." (cross-file receiver members, lexical neighbours) and an explanation.
        ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = server.Uri("Program.cs") },
            position = new { line = 5, character = 21 },
            context = new { triggerKind = 1 },
        }));
        await server.ExplainAsync("Program.cs", 2, 6);

        // Vault.cs itself: completion and explanation answer from Roslyn and say why.
        var completion = ResponseAssert.Result(await server.Client.RequestAsync("textDocument/inlineCompletion", new
        {
            textDocument = new { uri = server.Uri("Vault.cs") },
            position = new { line = 5, character = 12 },
            context = new { triggerKind = 1 },
        }));
        var explained = await server.ExplainAsync("Vault.cs", 2, 6);

        // A trace through both files: Program's frame code may be quoted, Vault's must not.
        var trace = $"""
            System.InvalidOperationException: locked
               at Vault.Open(String zebraPassword) in {Path.Combine(server.Folder, "Vault.cs")}:line 5
               at Program.ProgramMarker(Vault vault, String zebraPassword) in {Path.Combine(server.Folder, "Program.cs")}:line 5
            """;
        var debugged = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/analyzeStackTrace", new { text = trace }));

        var recorded = server.Endpoint.AllText;
        Assert.Contains("ProgramMarker", recorded, StringComparison.Ordinal);
        Assert.Contains("zebraOpened", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("VaultBodyMarker", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("ZebraSecretMember", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("Vault.Open(string", recorded, StringComparison.Ordinal);

        Assert.Contains(ContentExclusion.IgnoreFileName, explained.GetProperty("notice").GetString(), StringComparison.Ordinal);
        Assert.Contains("Vault.cs", explained.GetProperty("notice").GetString(), StringComparison.Ordinal);
        Assert.False(explained.TryGetProperty("modelId", out _));
        Assert.Equal("recorder", debugged.GetProperty("modelId").GetString());
        var items = completion.ValueKind == System.Text.Json.JsonValueKind.Object ? completion.GetProperty("items").EnumerateArray().ToList() : [];
        Assert.All(items, item => Assert.DoesNotContain("It returns", item.GetProperty("insertText").GetString(), StringComparison.Ordinal));
    }
}
