using System.Buffers;
using System.Text.RegularExpressions;

namespace CodeAssist.Llm.Redaction;

/// <summary>
/// Removes secrets from text before it leaves the machine: API keys and tokens in their well-known shapes,
/// private key blocks, passwords in connection strings and URLs, and string values assigned to names like
/// apiKey/secret/password. Over-redaction only costs the model a literal; under-redaction leaks a credential,
/// so the patterns lean wide. Redaction is deterministic, so a redacted prompt prefix stays cacheable.
/// </summary>
public static partial class SecretRedactor
{
    public const string Placeholder = "[REDACTED]";

    public static string Redact(string text) => Redact(text, out _);

    public static string Redact(string text, out int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = 0;
        var result = text;

        // Each pattern runs only when its cheap marker occurs: most code has none, and this runs per keystroke
        // for remote completion.
        if (Has(result, PrivateKeyMarkers))
        {
            result = PrivateKeyBlock().Replace(result, m => Count(ref total, m.Groups["begin"].Value + "\n" + Placeholder + "\n" + m.Groups["end"].Value));
        }

        if (Has(result, UrlMarkers))
        {
            result = UrlCredentials().Replace(result, m => Count(ref total, m.Groups["head"].Value + Placeholder + "@"));
        }

        if (Has(result, TokenShapeMarkers))
        {
            result = KnownTokenShapes().Replace(result, _ => Count(ref total, Placeholder));
        }

        if (Has(result, AuthorizationMarkers))
        {
            result = BearerToken().Replace(result, m => Count(ref total, m.Groups["head"].Value + Placeholder));
        }

        if (Has(result, ConnectionStringMarkers))
        {
            result = ConnectionStringSecret().Replace(result, m => Count(ref total, m.Groups["head"].Value + Placeholder));
        }

        if (Has(result, AssignmentMarkers))
        {
            result = SecretAssignment().Replace(result, m => SecretName().IsMatch(m.Groups["name"].ValueSpan)
                ? Count(ref total, m.Groups["head"].Value + m.Groups["quote"].Value + Placeholder + m.Groups["quote"].Value)
                : m.Value);
        }

        count = total;
        return result;
    }

    /// <summary>Redacts one exact value (an API key read from the environment) wherever it appears.</summary>
    public static string RedactValue(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length < 4 ? text : text.Replace(secret, Placeholder, StringComparison.Ordinal);

    private static readonly SearchValues<string> PrivateKeyMarkers = Markers("PRIVATE KEY");
    private static readonly SearchValues<string> UrlMarkers = Markers("://");
    private static readonly SearchValues<string> TokenShapeMarkers = Markers(
        "sk-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "AKIA", "ASIA", "AIza", "_live_", "_test_", "npm_", "eyJ");
    private static readonly SearchValues<string> AuthorizationMarkers = Markers("bearer", "basic", "token");
    private static readonly SearchValues<string> ConnectionStringMarkers = Markers("password", "pwd", "accountkey", "sharedaccesskey", "sharedsecret");
    private static readonly SearchValues<string> AssignmentMarkers = Markers("key", "secret", "token", "passw", "pwd", "credential");

    private static SearchValues<string> Markers(params string[] values) => SearchValues.Create(values, StringComparison.OrdinalIgnoreCase);

    private static bool Has(string text, SearchValues<string> markers) => text.AsSpan().ContainsAny(markers);

    private static string Count(ref int total, string replacement)
    {
        total++;
        return replacement;
    }

    [GeneratedRegex(@"(?<begin>-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----)[\s\S]*?(?<end>-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----)")]
    private static partial Regex PrivateKeyBlock();

    // scheme://user:password@host keeps the user name.
    [GeneratedRegex(@"(?<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@""']+:)(?!\[REDACTED\])[^\s@/""']+@")]
    private static partial Regex UrlCredentials();

    // OpenAI/Anthropic (sk-...), GitHub, GitLab, Slack, AWS access key ids, Google API keys, Stripe, npm, JWTs.
    [GeneratedRegex(
        @"\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"
        + @"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}"
        + @"|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}"
        + @"|(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{16,}|npm_[A-Za-z0-9]{36}"
        + @"|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})")]
    private static partial Regex KnownTokenShapes();

    [GeneratedRegex(@"(?<head>\b(?:Bearer|Basic|token)\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/-]{16,}=*", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    // Server=...;User Id=sa;Password=secret; and Azure's AccountKey=/SharedAccessKey=. A C# string literal after
    // the '=' (Password = @"...") is left to SecretAssignment, which keeps the quotes.
    [GeneratedRegex(@"(?<head>\b(?:password|pwd|accountkey|sharedaccesskey|sharedsecret)\s*=\s*)(?!\[REDACTED\])(?:""[^""]*""|'[^']*'|(?!@?[""'])[^;""'\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringSecret();

    // apiKey = "…", "client_secret": "…", Password: '…' (code, JSON, YAML). The name is kept so the code still reads;
    // whether the name is secret-like is decided in code (SecretName), which keeps the pattern linear.
    [GeneratedRegex(
        @"(?<head>\b(?<name>[A-Za-z0-9_.-]+)[""']?\s*(?::|=|:=|=>)\s*@?)(?<quote>[""'])(?!\[REDACTED\])[^""'\r\n]{6,}\k<quote>")]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"api[_-]?key|secret|token|passw(?:or)?d|pwd|private[_-]?key|access[_-]?key|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
