using System.Text.Json;
using CodeAssist.Cli.Terminal;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Xunit;

namespace CodeAssist.Cli.Tests.Assist;

public sealed class ExplainCommandTests
{
    private static string Sample => RepositoryFiles.InventorySample;

    [Fact]
    public async Task Explain_ReadmeSampleWithoutModel_PrintsRoslynSummary()
    {
        using var cli = new CliHarness();

        var (exitCode, output, error) = await cli.RunAsync("explain", Sample + ":22-44");

        Assert.True(exitCode == 0, error);
        Assert.Contains("public bool InventoryService.TryReserveOrder(IReadOnlyDictionary<string, int> lines)", output, StringComparison.Ordinal);
        Assert.Contains("Reserves every line of an order, or none of them.", output, StringComparison.Ordinal);
        Assert.Contains("`public bool StockLevel.TryReserve(int quantity)` (StockLevel.cs:", output, StringComparison.Ordinal);
        Assert.Contains("top-level statements", output, StringComparison.Ordinal);
        Assert.Contains("codeassist models pull qwen2.5-coder-0.5b", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_Json_HasStableShape()
    {
        using var cli = new CliHarness();

        var (exitCode, output, _) = await cli.RunAsync("explain", Sample + ":42", "--json");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(Sample, root.GetProperty("filePath").GetString());
        Assert.Equal(42, root.GetProperty("startLine").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("modelId").ValueKind);
        Assert.False(root.GetProperty("fromCache").GetBoolean());
        Assert.Contains("codeassist models pull", root.GetProperty("notice").GetString(), StringComparison.Ordinal);
        var symbol = Assert.Single(root.GetProperty("symbols").EnumerateArray());
        Assert.Equal("public decimal InventoryService.StockValue()", symbol.GetProperty("signature").GetString());
        Assert.Equal(2, symbol.GetProperty("cyclomaticComplexity").GetInt32());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("diagnostics").ValueKind);
        Assert.StartsWith("# InventoryService.cs", root.GetProperty("markdown").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_Json_NamesOfTheAnswerAreCheckedFiveFoundThreeFlagged()
    {
        using var cli = new CliHarness(new FakeChatClient(NamesAnswer.Text));

        var (exitCode, output, error) = await cli.RunAsync("explain", Sample + ":21-44", "--json", "--no-cache");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var names = json.RootElement.GetProperty("names").EnumerateArray().ToList();
        Assert.Equal(8, names.Count);
        Assert.Equal(NamesAnswer.Real.Order(), names.Where(n => n.GetProperty("resolved").GetBoolean()).Select(n => n.GetProperty("name").GetString()!).Order());
        Assert.Equal(NamesAnswer.Invented.Order(), names.Where(n => !n.GetProperty("resolved").GetBoolean()).Select(n => n.GetProperty("name").GetString()!).Order());
        var reserved = names.Single(n => n.GetProperty("name").GetString() == "Reserved");
        Assert.Equal("StockLevel.cs", Path.GetFileName(reserved.GetProperty("filePath").GetString()));
        Assert.Equal(16, reserved.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.String, names.Single(n => n.GetProperty("name").GetString() == "System.Math.Max").GetProperty("assembly").ValueKind);
        var markdown = json.RootElement.GetProperty("markdown").GetString()!;
        Assert.Contains("`Reserved` (StockLevel.cs:16)", markdown, StringComparison.Ordinal);
        Assert.Contains("`StockLevel.Replenish()` (not found in this workspace)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_WithModel_ListsTheCheckedNamesAfterTheAnswer()
    {
        using var cli = new CliHarness(new FakeChatClient(NamesAnswer.Text));

        var (exitCode, output, error) = await cli.RunAsync("explain", Sample + ":21-44", "--no-cache");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Names checked against the workspace (3 not found):", output, StringComparison.Ordinal);
        Assert.Contains("  Reserved (StockLevel.cs:16)", output, StringComparison.Ordinal);
        Assert.Contains("  StockLevel.Replenish - not found in this workspace", output, StringComparison.Ordinal);
        Assert.Contains("Warning: 3 of the 8 code names", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_WithModelTwice_SecondRunIsServedFromDiskCache()
    {
        var client = new FakeChatClient("`StockValue` sums stock.\n\n**Key risks**\n- Decimal overflow.");
        using var cli = new CliHarness(client);

        var first = await cli.RunAsync("explain", Sample + ":42-51", "--json");
        var second = await cli.RunAsync("explain", Sample + ":42-51", "--json");

        Assert.Equal(client.Requests[0].Last().Text, client.Requests[^1].Last().Text);
        Assert.Single(client.Requests);
        using var firstJson = JsonDocument.Parse(first.Out);
        using var secondJson = JsonDocument.Parse(second.Out);
        Assert.False(firstJson.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.True(secondJson.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.Equal("fake-model", secondJson.RootElement.GetProperty("modelId").GetString());
        Assert.Equal(firstJson.RootElement.GetProperty("markdown").GetString(), secondJson.RootElement.GetProperty("markdown").GetString());
        Assert.Single(Directory.GetFiles(cli.CacheDirectory, "*.json"));
    }

    [Fact]
    public async Task Explain_Piped_StreamsRawMarkdown()
    {
        var client = new FakeChatClient("# Title\n\n- **bold** point");
        using var cli = new CliHarness(client);

        var (exitCode, output, _) = await cli.RunAsync("explain", Sample + ":42", "--no-cache");

        Assert.Equal(0, exitCode);
        Assert.Equal("# Title\n\n- **bold** point" + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("missing.cs", ExitCodes.NotFound, "no such file")]
    [InlineData("InventoryService.cs:99", ExitCodes.NotFound, "line 99 is out of range")]
    [InlineData("InventoryService.cs:40-60", ExitCodes.NotFound, "line 60 is out of range")]
    [InlineData("InventoryService.cs:0", ExitCodes.BadArguments, "lines are numbered from 1")]
    [InlineData("InventoryService.cs:9-3", ExitCodes.BadArguments, "second line not before the first")]
    [InlineData("Inventory.csproj", ExitCodes.BadArguments, "is not a C# file")]
    [InlineData("InventoryService.cs:abc", ExitCodes.BadArguments, "expected PATH[:LINE[-LINE]] with 1-based line numbers")]
    [InlineData("InventoryService.cs:-5", ExitCodes.BadArguments, "expected PATH[:LINE[-LINE]] with 1-based line numbers")]
    [InlineData("InventoryService.cs:", ExitCodes.BadArguments, "expected PATH[:LINE[-LINE]] with 1-based line numbers")]
    public async Task Explain_BadTarget_ClearMessageAndExitCode(string target, int expectedExitCode, string message)
    {
        using var cli = new CliHarness();
        var directory = Path.GetDirectoryName(Sample)!;

        var (exitCode, output, error) = await cli.RunAsync("explain", Path.Combine(directory, target));

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Explain_DirectoryWithoutProject_SaysSo()
    {
        using var cli = new CliHarness();
        var empty = Directory.CreateTempSubdirectory("codeassist-empty-").FullName;

        var (exitCode, _, error) = await cli.RunAsync("explain", empty);

        Assert.Equal(ExitCodes.NotFound, exitCode);
        Assert.Contains("is a directory without a C# project (.csproj)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explain")]
    [InlineData("explain", "x.cs", "--bogus")]
    [InlineData("explain", "x.cs", "--provider", "cloud")]
    public async Task Explain_BadArguments_ExitTwo(params string[] args)
    {
        using var cli = new CliHarness();

        var (exitCode, _, _) = await cli.RunAsync(args.Select(a => a == "x.cs" ? Sample : a).ToArray());

        Assert.Equal(ExitCodes.BadArguments, exitCode);
    }

    [Fact]
    public async Task Explain_RequestedModelMissing_ExitFour()
    {
        using var cli = new CliHarness(CliLanguageModels.Create);

        var (exitCode, output, error) = await cli.RunAsync("explain", Sample + ":42", "--model", "/nonexistent/model.gguf");

        Assert.Equal(ExitCodes.ModelUnavailable, exitCode);
        Assert.Contains("the requested model is unavailable", error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/model.gguf", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }
}
