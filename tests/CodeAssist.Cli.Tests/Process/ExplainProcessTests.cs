using CodeAssist.TestUtilities;
using Xunit;

namespace CodeAssist.Cli.Tests.Process;

/// <summary><c>codeassist explain</c> with no model, as a child process: the README's example and its error paths.</summary>
public sealed class ExplainProcessTests
{
    [Fact]
    public async Task Explain_ReadmeSampleWithoutModel_RoslynAnswerAndHowToAddAModel()
    {
        using var cli = new CodeAssistProcess();

        var run = await cli.RunAsync("explain", RepositoryFiles.InventorySample + ":22-44");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("InventoryService.TryReserveOrder(IReadOnlyDictionary<string, int> lines)", run.Out, StringComparison.Ordinal);
        Assert.Contains("codeassist models pull", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Missing.cs:3", 3, "no such file: 'Missing.cs'.")]
    [InlineData("Notes.txt", 2, "'Notes.txt' is not a C# file (.cs)")]
    [InlineData("Short.cs:40-41", 3, "Short.cs has 3 lines; line 40 is out of range.")]
    public async Task Explain_BadTarget_ClearErrorAndExitCode(string target, int exitCode, string message)
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Notes.txt", "not code");
        cli.WriteFile("Short.cs", "class Short\n{\n}");

        var run = await cli.RunAsync("explain", target);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains("codeassist explain: " + message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
    [Fact]
    public async Task Explain_ReadsTheWorkspaceAndUserSettingsFiles_LikeTheServer()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Short.cs", "class Short\n{\n    int Size() => 3;\n}");
        cli.WriteFile(".codeassist.json", "{ \"fimFormat\": \"banana\" }");
        Directory.CreateDirectory(Path.GetDirectoryName(cli.UserSettingsPath)!);
        File.WriteAllText(cli.UserSettingsPath, "{ \"contextSize\": -5 }");

        var run = await cli.RunAsync("explain", "Short.cs:3");

        // Bad values in either file are named with their setting; the command still answers from Roslyn.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("banana", run.Error, StringComparison.Ordinal);
        Assert.Contains("contextSize", run.Error, StringComparison.Ordinal);
        Assert.Contains("Size()", run.Out, StringComparison.Ordinal);
    }
}
