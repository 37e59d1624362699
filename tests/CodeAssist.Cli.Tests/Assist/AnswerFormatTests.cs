using System.Text.RegularExpressions;
using CodeAssist.Cli.Terminal;
using CodeAssist.TestUtilities;
using Xunit;

namespace CodeAssist.Cli.Tests.Assist;

/// <summary>How a streamed answer with a code block reaches stdout: rendered on a terminal, raw Markdown otherwise.</summary>
public sealed class AnswerFormatTests
{
    private const string Answer = "Sums the stock.\n\n```csharp\nvar total = 0m; // running sum\n```\n\nDone.";

    private static string Sample => RepositoryFiles.InventorySample;

    [Fact]
    public async Task Explain_Terminal_CodeBlockWithoutFences()
    {
        using var cli = new CliHarness(new FakeChatClient(Answer)) { OutputIsTerminal = true };

        var (exitCode, output, error) = await cli.RunAsync("explain", Sample + ":42", "--no-cache");

        Assert.True(exitCode == 0, error);
        Assert.DoesNotContain("```", output, StringComparison.Ordinal);
        Assert.Equal(["Sums the stock.", "", "var total = 0m; // running sum", "", "Done."], Lines(output));
    }

    [Fact]
    public async Task Explain_PipedWithFormatTerminal_RendersToo()
    {
        using var cli = new CliHarness(new FakeChatClient(Answer));

        var (_, output, _) = await cli.RunAsync("explain", Sample + ":42", "--no-cache", "--format", "terminal");

        Assert.DoesNotContain("```", output, StringComparison.Ordinal);
        Assert.Contains("var total = 0m; // running sum", WithoutColors(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_TerminalWithFormatMarkdown_RawMarkdown()
    {
        using var cli = new CliHarness(new FakeChatClient(Answer)) { OutputIsTerminal = true };

        var (_, output, _) = await cli.RunAsync("explain", Sample + ":42", "--no-cache", "--format", "markdown");

        Assert.Equal(Answer + Environment.NewLine, output);
    }

    [Fact]
    public async Task Explain_UnknownFormat_ExitTwo()
    {
        using var cli = new CliHarness(new FakeChatClient(Answer));

        var (exitCode, _, _) = await cli.RunAsync("explain", Sample + ":42", "--format", "html");

        Assert.Equal(ExitCodes.BadArguments, exitCode);
    }

    [Fact]
    public void CodeHighlighter_CSharpLine_StylesKeywordsLiteralsAndComments()
    {
        var markup = CodeHighlighter.CSharpLine("var name = \"[x]\"; return 42; // done");

        Assert.Equal("[blue]var[/] name = [darkorange]\"[[x]]\"[/]; [blue]return[/] [magenta]42[/]; [green]// done[/]", markup);
    }

    [Fact]
    public void MarkdownMarkup_FenceOfAnotherLanguage_PlainCodeAndNoFences()
    {
        var markdown = new MarkdownMarkup();

        var lines = new[] { "~~~json", "{ \"a\": 1 }", "~~~", "after" }.Select(markdown.Line).ToList();

        Assert.Equal([null, "[cyan]{ \"a\": 1 }[/]", null, "after"], lines);
    }

    /// <summary>The text a user reads: Spectre colours the code when it detects a capable terminal (TERM), not otherwise.</summary>
    private static string WithoutColors(string output) => Regex.Replace(output, "\u001b\\[[0-9;]*m", "");

    private static string[] Lines(string output) =>
        WithoutColors(output).Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
}
