using CodeAssist.Cli.Terminal;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace CodeAssist.Cli.Tests.Terminal;

public sealed class StatusDisplayTests
{
    [Fact]
    public async Task RunAsync_Redirected_ALineEverySecondWithElapsedThenDone()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter();
        var status = new StatusDisplay(Environment(error, clock));
        var loading = new TaskCompletionSource<int>();

        var running = status.RunAsync("Loading Inventory.csproj...", () => loading.Task);
        clock.Advance(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        loading.SetResult(42);

        Assert.Equal(42, await running);
        Assert.Equal(
            [
                "codeassist: Loading Inventory.csproj... 1 s",
                "codeassist: Loading Inventory.csproj... 2 s",
                "codeassist: Loading Inventory.csproj... 3 s",
                "codeassist: Loading Inventory.csproj... done in 3 s.",
            ],
            error.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task RunAsync_WorkEndsWithinASecond_PrintsNothing()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter();
        var status = new StatusDisplay(Environment(error, clock));

        var result = await status.RunAsync("Loading model...", () => Task.FromResult("loaded"));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("loaded", result);
        Assert.Equal("", error.ToString());
    }

    private static CliEnvironment Environment(TextWriter error, TimeProvider clock) =>
        new(TextWriter.Null, error, TextReader.Null, OutputIsTerminal: false, ErrorIsTerminal: false, (_, _) => new FakeLanguageModels(chatClient: null), Path.GetTempPath(), clock);
}
