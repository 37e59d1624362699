using CodeAssist.Features.Explain;
using CodeAssist.Features.Names;
using CodeAssist.Features.Prompts;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

/// <summary>Explanations whose code names are checked with Roslyn: found ones located, invented ones flagged.</summary>
public sealed class CheckedNamesTests
{
    private static readonly string SampleFolder = Path.Combine(FindRepositoryRoot(), "samples", "Inventory");

    [Fact]
    public async Task Explain_FiveRealAndThreeInventedNames_LinksFiveAndFlagsThree()
    {
        var result = await ExplainSampleAsync(NamesAnswer.Text);

        Assert.Equal(NamesAnswer.Real.Concat(NamesAnswer.Invented).Order(), result.Names.Select(n => n.Name).Order());
        Assert.All(NamesAnswer.Real, name => Assert.True(result.Names.Single(n => n.Name == name).Resolved, name));
        Assert.All(NamesAnswer.Invented, name => Assert.False(result.Names.Single(n => n.Name == name).Resolved, name));
        Assert.Equal(3, result.Check!.UnresolvedCount);

        var reserved = result.Names.Single(n => n.Name == "Reserved");
        Assert.Equal("StockLevel.cs", Path.GetFileName(reserved.FilePath));
        Assert.Equal(16, reserved.Line);
        var max = result.Names.Single(n => n.Name == "System.Math.Max");
        Assert.Null(max.FilePath);
        Assert.StartsWith("System.", max.Assembly, StringComparison.Ordinal);

        Assert.StartsWith("> **Warning:** 3 of the 8 code names", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("`Reserved` (StockLevel.cs:16)", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("`StockLevel.Replenish()` (not found in this workspace)", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("ReserveAll() (not found in this workspace)", result.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("`OnHand` (not found", result.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_OnlyRealNames_HasNoWarning()
    {
        var result = await ExplainSampleAsync("`Reserved` grows and `OnHand` does not; see StockLevel.Ship().");

        Assert.All(result.Names, n => Assert.True(n.Resolved, n.Name));
        Assert.Equal(3, result.Names.Count);
        Assert.DoesNotContain("Warning", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("StockLevel.Ship() (StockLevel.cs:34)", result.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("see e.g. the docs, or ASP.NET and appsettings.json", 0)]
    [InlineData("`int`, `null`, `0` and `a + b` are not names to check:\n```csharp\nFoo.Bar();\n```", 0)]
    [InlineData("`List<int>.Count` and `this.OnHand`", 2)]
    public void Extract_FindsCodeNamesOnly(string answer, int expected)
    {
        Assert.Equal(expected, NameExtractor.Extract(answer).Count);
    }

    [Fact]
    public async Task Check_RangeStartingAtTheSignature_FindsTheMembersParameters()
    {
        // Explaining from a signature line: the parameters are not in scope at the range's start, only in the body.
        const string source = "class Stock\n{\n    public bool TryReserve(int quantity)\n    {\n        return quantity > 0;\n    }\n}\n";
        using var workspace = new AssistWorkspace(("Stock.cs", source));
        var document = workspace.Document("Stock.cs");
        var line = (await document.GetTextAsync()).Lines[2].Span;

        var check = await AnswerChecker.CheckAsync(document, line, "Reserves `quantity` units; `missingThing` is invented.", CancellationToken.None);

        Assert.True(Assert.Single(check.Names, name => name.Name == "quantity").Resolved);
        Assert.False(Assert.Single(check.Names, name => name.Name == "missingThing").Resolved);
    }

    private static async Task<ExplainResult> ExplainSampleAsync(string answer)
    {
        var files = Directory.GetFiles(SampleFolder, "*.cs").Select(path => (Path.GetFileName(path), Mark(path))).ToArray();
        using var workspace = new AssistWorkspace(files);
        var service = new ExplainService(new FakeLanguageModels(new FakeChatClient(answer)), null, PromptLibrary.BuiltInOnly, new FakeTimeProvider());
        return await service.ExplainAsync(workspace.MarkedDocument, workspace.MarkedSpan, null, CancellationToken.None);
    }

    /// <summary>Marks the body of TryReserveOrder as the explained range.</summary>
    private static string Mark(string path)
    {
        var text = File.ReadAllText(path);
        if (Path.GetFileName(path) != "InventoryService.cs")
        {
            return text;
        }

        var start = text.IndexOf("    public bool TryReserveOrder", StringComparison.Ordinal);
        var end = text.IndexOf("\n    }\n", start, StringComparison.Ordinal) + 6;
        return text[..start] + "[|" + text[start..end] + "|]" + text[end..];
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeAssist.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No CodeAssist.sln above the test assembly.");
    }
}
