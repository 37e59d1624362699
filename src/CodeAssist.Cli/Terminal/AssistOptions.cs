using System.CommandLine;

namespace CodeAssist.Cli.Terminal;

/// <summary>The flags shared by explain, fix, refactor and debug.</summary>
internal sealed class AssistOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of text (for scripts)." };

    public Option<string?> Model { get; } = new("--model") { Description = "Model to use (GGUF path for local, model name for remote); requires a model." };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "OpenAI-compatible or Ollama endpoint URL; requires a model." };

    public Option<string?> Provider { get; } = new("--provider") { Description = "local | openai | ollama; requires a model." };

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

    public ModelOverrides Overrides(ParseResult result)
    {
        var provider = result.GetValue(Provider);
        if (provider is not null && provider is not ("local" or "openai" or "ollama"))
        {
            throw new CliException(ExitCodes.BadArguments, $"Unknown provider '{provider}': use local, openai or ollama.");
        }

        return new ModelOverrides(provider, result.GetValue(Model), result.GetValue(Endpoint));
    }
}
