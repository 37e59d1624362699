namespace CodeAssist.Features.Configuration;

/// <summary>
/// One entry of <c>providers</c>: a model server (or the local model) that chains refer to by name. Unset
/// fields take the top-level value (threads, context size, FIM format, timeouts always do).
/// </summary>
public sealed record NamedProviderOptions
{
    /// <summary>local | openai | ollama | llamacpp.</summary>
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? Endpoint { get; init; }

    public string? ApiKeyEnvironmentVariable { get; init; }

    public IReadOnlyDictionary<string, HeaderOptions>? Headers { get; init; }
}
