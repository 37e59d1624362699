using CodeAssist.Llm.Providers;

namespace CodeAssist.Features.Configuration;

/// <summary>One extra request header: <c>{ "env": "NAME" }</c> for a secret, <c>{ "value": "text" }</c> for a literal.</summary>
public sealed record HeaderOptions
{
    public string? Env { get; init; }

    public string? Value { get; init; }

    // The literal is left out of ToString: a record prints every member, and this one may reach a log by mistake.
    public override string ToString() => Env is { Length: > 0 } ? $"${Env}" : "(value)";

    public static RequestHeaders ToRequestHeaders(IReadOnlyDictionary<string, HeaderOptions>? headers) =>
        headers is null || headers.Count == 0
            ? RequestHeaders.None
            : new RequestHeaders(headers.Select(h => new RequestHeader(h.Key, h.Value.Value, h.Value.Env)));
}
