using CodeAssist.Cli.Terminal;
using CodeAssist.Llm;
using CodeAssist.TestUtilities;
using CodeAssist.TestUtilities.Assist;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace CodeAssist.Cli.Tests.Assist;

/// <summary>Runs the CLI's command index in-process with captured streams, a chosen model and a private cache folder.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly Func<ModelOverrides, string?, ILanguageModels> _models;

    public CliHarness(IChatClient? chatClient = null, string? stdin = null)
        : this((_, _) => new FakeLanguageModels(chatClient), stdin)
    {
    }

    public CliHarness(Func<ModelOverrides, string?, ILanguageModels> models, string? stdin = null)
    {
        _models = models;
        Stdin = stdin ?? "";
        CacheDirectory = Path.Combine(Path.GetTempPath(), "codeassist-cli-cache-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public string CacheDirectory { get; }

    public string Stdin { get; }

    /// <summary>Whether the commands see stdout as a terminal (rendered answers) rather than a pipe.</summary>
    public bool OutputIsTerminal { get; init; }

    public async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, new StringReader(Stdin), OutputIsTerminal, false, _models, CacheDirectory, new FakeTimeProvider());
        var exitCode = await CommandRunner.InvokeAsync(Program.CreateRootCommand(environment), args, environment);
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
    }
}
