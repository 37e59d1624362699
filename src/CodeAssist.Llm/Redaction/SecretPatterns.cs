using System.Buffers;
using System.Text.RegularExpressions;

namespace CodeAssist.Llm.Redaction;

/// <summary>
/// The detectors that recognise a secret by its shape or its name: credentials in URLs, well-known token formats,
/// Authorization headers, connection string secrets, and values assigned to secret-like names.
/// </summary>
internal static partial class SecretPatterns
{
    private static readonly SearchValues<string> UrlMarkers = Markers("://");
    private static readonly SearchValues<string> TokenShapeMarkers = Markers(
        "sk-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "xapp-", "AKIA", "ASIA", "AGPA", "AIDA", "AROA",
        "AIza", "ya29.", "_live_", "_test_", "whsec_", "npm_", "eyJ", "SG.");
    private static readonly SearchValues<string> AuthorizationMarkers = Markers("bearer", "basic", "token");
    private static readonly SearchValues<string> ConnectionStringMarkers = Markers("password", "pwd", "accountkey", "sharedaccesskey", "sharedsecret");

    public static void Find(string text, List<SecretSpan> found)
    {
        var span = text.AsSpan();
        if (span.ContainsAny(UrlMarkers))
        {
            AddGroup(UrlCredentials().Matches(text), "secret", found);
        }

        if (span.ContainsAny(TokenShapeMarkers))
        {
            AddGroup(KnownTokenShapes().Matches(text), "secret", found);
        }

        if (span.ContainsAny(AuthorizationMarkers))
        {
            foreach (Match match in AuthorizationValue().Matches(text))
            {
                // "token" is also an ordinary word; after it only a value with a digit is taken for a credential.
                var value = match.Groups["secret"];
                if (!match.Groups["scheme"].Value.Equals("token", StringComparison.OrdinalIgnoreCase) || value.ValueSpan.ContainsAnyInRange('0', '9'))
                {
                    found.Add(new SecretSpan(value.Index, value.Index + value.Length, SecretRedactor.Placeholder));
                }
            }
        }

        if (span.ContainsAny(ConnectionStringMarkers))
        {
            AddGroup(ConnectionStringSecret().Matches(text), "secret", found);
        }

        SecretNames.Find(text, found);
    }

    private static void AddGroup(MatchCollection matches, string group, List<SecretSpan> found)
    {
        foreach (Match match in matches)
        {
            var secret = match.Groups[group];
            found.Add(new SecretSpan(secret.Index, secret.Index + secret.Length, SecretRedactor.Placeholder));
        }
    }

    private static SearchValues<string> Markers(params string[] values) => SearchValues.Create(values, StringComparison.OrdinalIgnoreCase);

    // scheme://user:password@host keeps the user name.
    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@""'<>]*:(?<secret>[^\s@/""'<>]+)@")]
    private static partial Regex UrlCredentials();

    // OpenAI/Anthropic (sk-...), GitHub, GitLab, Slack, AWS key ids, Google API keys and OAuth tokens, Stripe, npm,
    // SendGrid, JWTs.
    [GeneratedRegex(
        @"(?<secret>\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"
        + @"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}"
        + @"|xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}"
        + @"|AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,}"
        + @"|(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{16,}|whsec_[0-9a-zA-Z]{20,}|npm_[A-Za-z0-9]{36}"
        + @"|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"
        + @"|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}))")]
    private static partial Regex KnownTokenShapes();

    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic|token)\s+(?<secret>[A-Za-z0-9._~+/-]{16,}=*)", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    // Server=...;User Id=sa;Password=secret; and Azure's AccountKey=/SharedAccessKey=. A quoted value after the '='
    // (Password = "...") is the name detector's, which understands every literal form.
    [GeneratedRegex(@"\b(?:password|pwd|accountkey|sharedaccesskey|sharedsecret)[ \t]*=[ \t]*(?<secret>[^;""'\s\[][^;""'\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringSecret();
}
