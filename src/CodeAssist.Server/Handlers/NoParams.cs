namespace CodeAssist.Server.Handlers;

/// <summary>The params type of methods that take none (shutdown, exit); any params sent are ignored.</summary>
public sealed record NoParams
{
    public static NoParams Instance { get; } = new();
}
