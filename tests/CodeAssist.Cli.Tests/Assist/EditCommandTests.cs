using System.Text.Json;
using CodeAssist.Cli.Terminal;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Xunit;

namespace CodeAssist.Cli.Tests.Assist;

public sealed class EditCommandTests
{
    [Fact]
    public async Task Fix_ModelFix_PrintsDiffAndAppliesOnlyWithApply()
    {
        var directory = RepositoryFiles.CopyInventorySample();
        var file = Path.Combine(directory, "InventoryService.cs");
        var original = (await File.ReadAllTextAsync(file)).Replace("return true;", "return reserved.Count;", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, original);
        const string answer = """
            Hint: the method returns bool, so return whether all lines were reserved.
            ```csharp
            public bool TryReserveOrder(IReadOnlyDictionary<string, int> lines)
            {
                var reserved = new List<(StockLevel Level, int Quantity)>();
                foreach (var (sku, quantity) in lines)
                {
                    if (!_stock.TryGetValue(sku, out var level) || !level.TryReserve(quantity))
                    {
                        foreach (var (done, count) in reserved)
                        {
                            done.Ship(-count);
                        }

                        return false;
                    }

                    reserved.Add((level, quantity));
                }

                return reserved.Count == lines.Count;
            }
            ```
            """;
        using var cli = new CliHarness(new FakeChatClient(answer, answer));

        var preview = await cli.RunAsync("fix", file + ":39", "--no-cache");
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("CS0029", preview.Out, StringComparison.Ordinal);
        Assert.Contains("Fix with CodeAssist (model): the method returns bool", preview.Out, StringComparison.Ordinal);
        Assert.Contains("-        return reserved.Count;\n+        return reserved.Count == lines.Count;", preview.Out, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(file));

        var modelPick = preview.Out.Split('\n').First(l => l.Contains("(model)", StringComparison.Ordinal))[1..].Split(']')[0];
        var applied = await cli.RunAsync("fix", file + ":39", "--no-cache", "--apply", "--pick", modelPick);
        Assert.Equal(0, applied.ExitCode);
        Assert.Contains("return reserved.Count == lines.Count;", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_NoDiagnosticOnLine_SaysNothingToFix()
    {
        using var cli = new CliHarness();
        var file = Path.Combine(RepositoryFiles.CopyInventorySample(), "InventoryService.cs");

        var (exitCode, output, error) = await cli.RunAsync("fix", file + ":10");

        Assert.Equal(0, exitCode);
        Assert.Empty(output);
        Assert.Contains("No error or warning on line 10 of InventoryService.cs", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_Json_ListsRoslynFixesWithDiffs()
    {
        var directory = RepositoryFiles.CopyInventorySample();
        var file = Path.Combine(directory, "InventoryService.cs");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("return true;", "return ture;", StringComparison.Ordinal));
        using var cli = new CliHarness();

        var (exitCode, output, _) = await cli.RunAsync("fix", file + ":39", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("CS0103", json.RootElement.GetProperty("diagnostic").GetProperty("id").GetString());
        var spelling = json.RootElement.GetProperty("suggestions").EnumerateArray().Single(s => s.GetProperty("title").GetString()!.EndsWith("Change 'ture' to 'true'.", StringComparison.Ordinal));
        Assert.Equal("roslyn", spelling.GetProperty("source").GetString());
        Assert.Contains("+        return true;", spelling.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("applied").ValueKind);
    }

    [Fact]
    public async Task Refactor_NoModel_ListsRoslynRefactorings()
    {
        using var cli = new CliHarness();
        var file = Path.Combine(RepositoryFiles.CopyInventorySample(), "InventoryService.cs");

        var (exitCode, output, error) = await cli.RunAsync("refactor", file + ":42-51");

        Assert.Equal(0, exitCode);
        Assert.Contains("Refactor (Roslyn): Replace 'StockValue' with property", output, StringComparison.Ordinal);
        Assert.Contains("codeassist models pull", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refactor_SignatureChange_RefusedByDefault_OfferedWhenTheWorkspaceSettingAllowsIt()
    {
        var folder = RepositoryFiles.CopyInventorySample();
        var file = Path.Combine(folder, "InventoryService.cs");
        const string answer = "Rationale: let callers scale the value.\n```csharp\n"
            + "public decimal StockValue(decimal factor = 1m) => System.Linq.Enumerable.Sum(_stock.Values, level => level.OnHand * level.Product.UnitPrice) * factor;\n```\n";

        using (var cli = new CliHarness(new FakeChatClient(answer, answer)))
        {
            var refused = await cli.RunAsync("refactor", file + ":42-51", "--no-cache", "--json");
            Assert.Equal(0, refused.ExitCode);
            Assert.DoesNotContain("decimal factor = 1m", refused.Out, StringComparison.Ordinal);
            Assert.Contains("signature", refused.Out, StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, ".codeassist.json"), """{ "refactor": { "allowSignatureChanges": true } }""");
        using (var cli = new CliHarness(new FakeChatClient(answer, answer)))
        {
            var offered = await cli.RunAsync("refactor", file + ":42-51", "--no-cache", "--json");
            Assert.Equal(0, offered.ExitCode);
            Assert.Contains("decimal factor = 1m", offered.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refactor_WithoutLines_ExitTwo()
    {
        using var cli = new CliHarness();
        var file = Path.Combine(RepositoryFiles.CopyInventorySample(), "InventoryService.cs");

        var (exitCode, _, error) = await cli.RunAsync("refactor", file);

        Assert.Equal(ExitCodes.BadArguments, exitCode);
        Assert.Contains("give the lines to refactor", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_RealTraceFromStdin_ResolvesFramesInJson()
    {
        var program = await FailingProgram.GetAsync();
        using var cli = new CliHarness(chatClient: null, stdin: program.StandardError);

        var (exitCode, output, _) = await cli.RunAsync("debug", "--stack-trace", "-", "--workspace", program.Directory, "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var inner = json.RootElement.GetProperty("exceptions")[0];
        Assert.Equal("System.ArgumentException", inner.GetProperty("type").GetString());
        var top = inner.GetProperty("frames")[0];
        Assert.True(top.GetProperty("inWorkspace").GetBoolean());
        Assert.Equal("private static int OrderProcessor.Check(string s)", top.GetProperty("symbol").GetString());
        Assert.Equal(Path.Combine(program.Directory, "OrderProcessor.cs"), top.GetProperty("filePath").GetString());
        Assert.Equal(21, top.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Debug_BadInputs_ClearErrors()
    {
        using var cli = new CliHarness(chatClient: null, stdin: "just some text");
        var empty = Directory.CreateTempSubdirectory("codeassist-empty-").FullName;
        var trace = Path.Combine(empty, "trace.txt");
        await File.WriteAllTextAsync(trace, "System.Exception: boom\n   at A.B.C() in /x/y.cs:line 3");

        Assert.Equal(ExitCodes.BadArguments, (await cli.RunAsync("debug", "--stack-trace", "-")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("debug", "--stack-trace", Path.Combine(empty, "none.txt"))).ExitCode);
        var noProject = await cli.RunAsync("debug", "--stack-trace", trace, "--workspace", empty);
        Assert.Equal(ExitCodes.NotFound, noProject.ExitCode);
        Assert.Contains("directory without a C# project", noProject.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadArguments, (await cli.RunAsync("debug")).ExitCode);
    }
}
