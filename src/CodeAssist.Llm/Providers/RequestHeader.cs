namespace CodeAssist.Llm.Providers;

/// <summary>
/// One extra header sent with every request to a model server (gateways: Azure OpenAI's <c>api-key</c>,
/// OpenRouter's <c>HTTP-Referer</c>, a corporate proxy's token). A secret comes from
/// <paramref name="EnvironmentVariable"/>, read at request time, so it never sits in settings, status or logs.
/// </summary>
/// <param name="Value">A literal value for headers that are not secret; ignored when an environment variable is named.</param>
public sealed record RequestHeader(string Name, string? Value = null, string? EnvironmentVariable = null)
{
    /// <summary>The value to send now, or null when its environment variable is unset (the header is then left out).</summary>
    public string? Resolve(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrEmpty(EnvironmentVariable) ? Value : environment(EnvironmentVariable);
    }

    // Records print every member; this one must never print a value, even a literal one.
    public override string ToString() =>
        string.IsNullOrEmpty(EnvironmentVariable) ? Name : $"{Name} from ${EnvironmentVariable}";
}
