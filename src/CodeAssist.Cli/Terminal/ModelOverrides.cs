namespace CodeAssist.Cli.Terminal;

/// <summary>The --provider/--model/--endpoint flags; any of them set means the user requires a model.</summary>
internal sealed record ModelOverrides(string? Provider, string? Model, string? Endpoint)
{
    public bool RequiresModel => !string.IsNullOrEmpty(Provider) || !string.IsNullOrEmpty(Model) || !string.IsNullOrEmpty(Endpoint);
}
