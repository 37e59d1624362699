using CodeAssist.Features.Prompts;
using CodeAssist.Features.StackTraces;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

public sealed class StackTraceServiceTests
{
    [Fact]
    public async Task AnalyzeAsync_RealTraceOfFailingProgram_MapsFramesToWorkspaceSymbols()
    {
        var program = await FailingProgram.GetAsync();
        using var workspace = ProgramWorkspace(program);
        var service = new StackTraceService(new FakeLanguageModels(chatClient: null), null, PromptLibrary.BuiltInOnly);

        var report = await service.AnalyzeAsync(workspace.Solution, program.StandardError, null, CancellationToken.None);

        Assert.Equal(["System.ArgumentException", "System.InvalidOperationException"], report.Exceptions.Select(e => e.Type));
        var processor = Path.Combine(program.Directory, "OrderProcessor.cs");
        var inner = report.Exceptions[0].Frames.Where(f => f.InWorkspace).ToList();
        Assert.Equal(
            [
                ("private static int OrderProcessor.Check(string s)", processor, 21),
                ("private static int OrderProcessor.Validate(string sku)", processor, 13),
                ("private static int OrderProcessor.Validate(string sku)", processor, 13),
                ("public Task<int> OrderProcessor.ProcessAsync(string sku)", processor, 8),
                ("top-level statements", Path.Combine(program.Directory, "Program.cs"), 5),
            ],
            inner.Select(f => (f.Symbol!, f.FilePath!, f.Line ?? 0)).ToList());
        Assert.Contains(report.Exceptions[0].Frames, f => !f.InWorkspace && f.Frame.TypeName.StartsWith("System.Linq", StringComparison.Ordinal));
        var outer = Assert.Single(report.Exceptions[1].Frames, f => f.InWorkspace);
        Assert.Equal(9, outer.Line);
        Assert.Contains("OrderProcessor.cs:21", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("codeassist models pull", report.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_WithModel_SendsCodeAtTopFramesAndHidesReasoning()
    {
        var program = await FailingProgram.GetAsync();
        using var workspace = ProgramWorkspace(program);
        var client = new FakeChatClient("<reasoning>Check throws for \"bad\".</reasoning>\n**Likely cause**\nOrderProcessor.cs:21 rejects the sku.\n\n**Fix**\nValidate input first.");
        var service = new StackTraceService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly);
        var streamed = new List<string>();

        var report = await service.AnalyzeAsync(workspace.Solution, program.StandardError, new SyncProgress(streamed), CancellationToken.None);

        Assert.StartsWith("**Likely cause**", report.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("reasoning", string.Concat(streamed), StringComparison.Ordinal);
        Assert.Equal(report.Markdown, string.Concat(streamed));
        var prompt = client.LastUserText;
        Assert.Contains("throw new ArgumentException(\"Unknown sku\", nameof(s));", prompt, StringComparison.Ordinal);
        Assert.Contains("21:             throw new ArgumentException", prompt, StringComparison.Ordinal);
        Assert.Contains("// <-- frame", prompt, StringComparison.Ordinal);
        Assert.Contains("[workspace] private static int OrderProcessor.Check(string s) at OrderProcessor.cs:21", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_WithModel_ChecksTheNamesOfTheAnalysis()
    {
        var program = await FailingProgram.GetAsync();
        using var workspace = ProgramWorkspace(program);
        var client = new FakeChatClient("`OrderProcessor.Check` throws for `s`; call `OrderProcessor.Retry()` instead.");
        var service = new StackTraceService(new FakeLanguageModels(client), null, PromptLibrary.BuiltInOnly);

        var report = await service.AnalyzeAsync(workspace.Solution, program.StandardError, null, CancellationToken.None);

        Assert.True(report.Names.Single(n => n.Name == "OrderProcessor.Check").Resolved);
        Assert.True(report.Names.Single(n => n.Name == "s").Resolved);
        Assert.False(report.Names.Single(n => n.Name == "OrderProcessor.Retry").Resolved);
        Assert.Contains("`OrderProcessor.Check` (OrderProcessor.cs:", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("`OrderProcessor.Retry()` (not found in this workspace)", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_TraceFromAnotherMachine_MapsByFileNameAndType()
    {
        using var workspace = new AssistWorkspace(("OrderProcessor.cs", FailingProgram.ProcessorFile));
        const string trace = """
            System.ArgumentException: Unknown sku
               at Sample.OrderProcessor.Check(String s) in D:\build\agent\src\OrderProcessor.cs:line 21
               at Sample.OrderProcessor.ProcessAsync(String sku)
            """;
        var service = new StackTraceService(new FakeLanguageModels(chatClient: null), null, PromptLibrary.BuiltInOnly);

        var report = await service.AnalyzeAsync(workspace.Solution, trace, null, CancellationToken.None);

        var frames = Assert.Single(report.Exceptions).Frames;
        Assert.Equal("private static int OrderProcessor.Check(string s)", frames[0].Symbol);
        Assert.Equal(Path.Combine(AssistWorkspace.Root, "OrderProcessor.cs"), frames[0].FilePath);
        Assert.Equal("public Task<int> OrderProcessor.ProcessAsync(string sku)", frames[1].Symbol);
        Assert.Equal(5, frames[1].Line);
    }

    private static AssistWorkspace ProgramWorkspace(FailingProgram program) => new(
        program.Directory,
        ("Program.cs", FailingProgram.ProgramFile),
        ("OrderProcessor.cs", FailingProgram.ProcessorFile));
}
