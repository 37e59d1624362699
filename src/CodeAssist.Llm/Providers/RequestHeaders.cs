using System.Net.Http.Headers;

namespace CodeAssist.Llm.Providers;

/// <summary>
/// The extra headers of one provider, compared by content so that <see cref="LlmOptions"/> keeps value
/// equality (identical settings share one provider; a changed header re-creates it).
/// </summary>
public sealed class RequestHeaders : IEquatable<RequestHeaders>
{
    private readonly RequestHeader[] _headers;

    public RequestHeaders(IEnumerable<RequestHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = [.. headers.Where(h => !string.IsNullOrWhiteSpace(h.Name)).OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public static RequestHeaders None { get; } = new([]);

    public IReadOnlyList<RequestHeader> Items => _headers;

    /// <summary>
    /// Adds the headers to a request, replacing one of the same name (a gateway's own Authorization wins over the
    /// Bearer key). Values skip header validation: gateways use tokens that .NET's parsers reject.
    /// </summary>
    public void ApplyTo(HttpRequestHeaders target, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var header in _headers)
        {
            if (header.Resolve(environment) is { Length: > 0 } value)
            {
                target.Remove(header.Name);
                target.TryAddWithoutValidation(header.Name, value);
            }
        }
    }

    public bool Equals(RequestHeaders? other) => other is not null && _headers.SequenceEqual(other._headers);

    public override bool Equals(object? obj) => Equals(obj as RequestHeaders);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var header in _headers)
        {
            hash.Add(header);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"[{string.Join(", ", _headers.Select(h => h.ToString()))}]";
}
