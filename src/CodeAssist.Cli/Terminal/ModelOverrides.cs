namespace CodeAssist.Cli.Terminal;

/// <summary>The --provider/--model/--endpoint flags; any of them set means the user requires a model.</summary>
internal sealed record ModelOverrides(string? Provider, string? Model, string? Endpoint)
{
    public bool RequiresModel => !string.IsNullOrEmpty(Provider) || !string.IsNullOrEmpty(Model) || !string.IsNullOrEmpty(Endpoint);

    /// <summary>The flags as command-line settings (<c>provider</c>, <c>model</c>, <c>endpoint</c>), the last source to win.</summary>
    public IReadOnlyDictionary<string, string> ToCommandLine()
    {
        var commandLine = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Provider))
        {
            commandLine["provider"] = Provider;
        }
        else if (!string.IsNullOrWhiteSpace(Endpoint))
        {
            // An endpoint alone means a remote OpenAI-compatible server; a local provider has no endpoint.
            commandLine["provider"] = "openai";
        }

        if (!string.IsNullOrWhiteSpace(Model))
        {
            commandLine["model"] = Model;
        }

        if (!string.IsNullOrWhiteSpace(Endpoint))
        {
            commandLine["endpoint"] = Endpoint;
        }

        return commandLine;
    }
}
