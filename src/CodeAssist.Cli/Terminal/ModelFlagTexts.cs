namespace CodeAssist.Cli.Terminal;

/// <summary>
/// The help texts of --provider, --model and --endpoint, shared by every command that takes them so that they say
/// the same thing everywhere: a model named on the command line is required (exit 4 when it cannot be used), while
/// without the flags the settings decide and a missing model only means answers from Roslyn alone.
/// </summary>
internal static class ModelFlagTexts
{
    public const string Provider = "local | openai | ollama | llamacpp (default: the settings). Exit 4 when this model cannot be used.";

    public const string Model = "GGUF path (local) or model name (remote) (default: the settings; none means answers from Roslyn alone). Exit 4 when it cannot be used.";

    public const string Endpoint = "Base URL of an OpenAI-compatible or Ollama server (default: the settings). Exit 4 when it cannot be used.";

    /// <summary>Whether the command line named a model, which makes an unusable model an error rather than a fallback.</summary>
    public static bool AnyGiven(IReadOnlyDictionary<string, string> commandLine) =>
        commandLine.ContainsKey("provider") || commandLine.ContainsKey("model") || commandLine.ContainsKey("endpoint");
}
