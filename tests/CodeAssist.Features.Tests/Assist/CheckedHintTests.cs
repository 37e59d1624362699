using CodeAssist.Features.Common;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Names;
using CodeAssist.Features.Prompts;
using CodeAssist.Features.Refactor;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

/// <summary>The hints of model fixes and refactorings are checked like explanations: real names located, invented ones flagged.</summary>
public sealed class CheckedHintTests
{
    private const string Hint = "`InventoryService.TryReserveOrder` raises `StockLevel.Reserved` while `StockLevel.OnHand` stays; see "
        + "`StockLevel.Ship()` and `System.Math.Max`, not `StockLevel.Replenish()`, `Warehouse.Restock` or ReserveAll().";

    private static readonly string[] Real = ["InventoryService.TryReserveOrder", "StockLevel.Reserved", "StockLevel.OnHand", "StockLevel.Ship", "System.Math.Max"];
    private static readonly string[] Invented = ["StockLevel.Replenish", "Warehouse.Restock", "ReserveAll"];

    private const string Broken = """
        namespace Inventory;

        public sealed class Audit
        {
            public int Count()
            {
                return "none";
            }
        }
        """;

    [Fact]
    public async Task Fix_HintWithFiveRealAndThreeInventedNames_LocatesFiveAndFlagsThree()
    {
        using var workspace = SampleWorkspace(("Audit.cs", Broken));
        var document = workspace.Document("Audit.cs");
        var diagnostic = (await FixService.DiagnosticsAsync(document, null, CancellationToken.None)).Single(d => d.Id == "CS0029");
        var client = new FakeChatClient($"Hint: {Hint}\n```csharp\npublic int Count()\n{{\n    return 0;\n}}\n```");
        var service = new FixService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly, new StoppedTimeProvider());

        var report = await service.FixAsync(document, diagnostic, CancellationToken.None);

        AssertChecked(Assert.Single(report.Suggestions, s => s.Source == SuggestionSource.Model));
    }

    [Fact]
    public async Task Refactor_RationaleWithFiveRealAndThreeInventedNames_LocatesFiveAndFlagsThree()
    {
        using var workspace = SampleWorkspace(("Audit.cs", Broken.Replace("return \"none\";", "[|int total = 0;\n        total += 1;\n        return total;|]", StringComparison.Ordinal)));
        var client = new FakeChatClient($"Rationale: {Hint}\n```csharp\npublic int Count()\n{{\n    return 1;\n}}\n```");
        var service = new RefactorService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly, new StoppedTimeProvider());

        var report = await service.SuggestAsync(workspace.MarkedDocument, workspace.MarkedSpan, allowSignatureChanges: false, request: null, includeRoslyn: false, CancellationToken.None);

        AssertChecked(Assert.Single(report.Suggestions, s => s.Source == SuggestionSource.Model));
    }

    private static void AssertChecked(CodeSuggestion suggestion)
    {
        Assert.Equal(Real.Concat(Invented).Order(), suggestion.HintNames.Select(n => n.Name).Order());
        Assert.All(Real, name => Assert.True(suggestion.HintNames.Single(n => n.Name == name).Resolved, name));
        Assert.All(Invented, name => Assert.False(suggestion.HintNames.Single(n => n.Name == name).Resolved, name));
        Assert.NotNull(suggestion.Hint);
        Assert.Contains("`StockLevel.Reserved` (StockLevel.cs:16)", suggestion.Hint, StringComparison.Ordinal);
        Assert.Contains("`Warehouse.Restock`" + CheckedAnswerRenderer.NotFound, suggestion.Hint, StringComparison.Ordinal);
        Assert.Contains("ReserveAll()" + CheckedAnswerRenderer.NotFound, suggestion.Hint, StringComparison.Ordinal);
        Assert.EndsWith("(3 names not found in this workspace)", suggestion.Title, StringComparison.Ordinal);
    }

    private static AssistWorkspace SampleWorkspace((string Name, string Text) extra)
    {
        var folder = Path.Combine(FindRepositoryRoot(), "samples", "Inventory");
        var files = Directory.GetFiles(folder, "*.cs").Select(path => (Path.GetFileName(path), File.ReadAllText(path))).Prepend(extra).ToArray();
        return new AssistWorkspace(files);
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
