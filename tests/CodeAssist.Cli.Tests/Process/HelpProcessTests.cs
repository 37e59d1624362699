using CodeAssist.Cli.Terminal;
using Xunit;

namespace CodeAssist.Cli.Tests.Process;

/// <summary>The help texts as a user sees them: consistent flags, no text that describes another program.</summary>
public sealed class HelpProcessTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData("context")]
    public async Task Help_CommandsThatTolerateOrRejectExtraTokens_NoAdditionalArgumentsText(string command)
    {
        using var cli = new CodeAssistProcess();

        var run = await cli.RunAsync(command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"codeassist {command} ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("additional arguments", run.Out, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Arguments passed to the application", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ModelFlags_SameMeaningForExplainAndComplete()
    {
        using var cli = new CodeAssistProcess();

        var explain = await cli.RunAsync("explain", "--help");
        var complete = await cli.RunAsync("complete", "--help");

        foreach (var text in new[] { ModelFlagTexts.Model, ModelFlagTexts.Provider, ModelFlagTexts.Endpoint })
        {
            Assert.Contains(Collapsed(text), Collapsed(explain.Out), StringComparison.Ordinal);
            Assert.Contains(Collapsed(text), Collapsed(complete.Out), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("requires a model", explain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_ExtraArgument_ExitTwo()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Short.cs", "class Short\n{\n}");

        var run = await cli.RunAsync("context", "Short.cs:1:1", "surplus");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("surplus", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_RequestedModelMissing_ExitFour()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Short.cs", "class Short\n{\n}");

        var run = await cli.RunAsync("complete", "Short.cs:2:2", "--model", Path.Combine(cli.Root, "none.gguf"));

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("none.gguf", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Help wraps long descriptions at the terminal width; compare the words, not the line breaks.</summary>
    private static string Collapsed(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
