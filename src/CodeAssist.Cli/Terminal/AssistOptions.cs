using System.CommandLine;
using CodeAssist.Llm.Registry;

namespace CodeAssist.Cli.Terminal;

/// <summary>The flags shared by explain, fix, refactor and debug.</summary>
internal sealed class AssistOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of text (for scripts)." };

    public Option<string?> Model { get; } = new("--model") { Description = ModelFlagTexts.Model };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = ModelFlagTexts.Endpoint };

    public Option<string?> Provider { get; } = new("--provider") { Description = ModelFlagTexts.Provider };

    /// <summary>Only for the commands that stream a Markdown answer (explain, debug); they add it themselves.</summary>
    public Option<string?> Format { get; } = new Option<string?>("--format")
    {
        Description = "terminal: rendered Markdown with highlighted code (the default on a terminal) | markdown: the raw Markdown (the default when piped).",
    }.AcceptOnlyFromAmong("terminal", "markdown");

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Ask the model again even when the answer is cached." };

    public Option<bool> MsBuild { get; } = new("--msbuild") { Description = "Load the project with MSBuild (exact references and packages; slower)." };

    public void AddTo(Command command)
    {
        command.Options.Add(MsBuild);
        command.Options.Add(Json);
        command.Options.Add(Model);
        command.Options.Add(Endpoint);
        command.Options.Add(Provider);
        command.Options.Add(NoCache);
    }

    /// <summary>Where the streamed answer goes: rendered, raw Markdown, or nowhere until the JSON at the end.</summary>
    public AnswerWriter Writer(CliEnvironment environment, ParseResult result)
    {
        var rendered = result.GetValue(Format) switch
        {
            null => environment.OutputIsTerminal,
            "terminal" => true,
            "markdown" => false,
            var other => throw new CliException(ExitCodes.BadArguments, $"Unknown format '{other}': use terminal or markdown."),
        };
        return new AnswerWriter(environment, silent: result.GetValue(Json), rendered);
    }

    public ModelOverrides Overrides(ParseResult result)
    {
        var provider = result.GetValue(Provider);
        if (provider is not null && !ProviderRegistry.BuiltIn.Names.Contains(provider))
        {
            throw new CliException(ExitCodes.BadArguments, $"Unknown provider '{provider}': use {ProviderRegistry.BuiltIn.NamesForMessages}.");
        }

        return new ModelOverrides(provider, result.GetValue(Model), result.GetValue(Endpoint));
    }
}
