using System.Runtime.CompilerServices;
using System.Text;
using CodeAssist.Llm.Redaction;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.Common;

/// <summary>
/// Cuts prompt text out of a document with its secrets already removed. The secrets are found on the whole document
/// before any window is cut, so a secret that a window cuts in two (a key block whose BEGIN line is above the window)
/// is still replaced. Found once per document version: a <see cref="SourceText"/> is immutable, and the table lets
/// it go with the version.
/// </summary>
internal static class DocumentRedaction
{
    private static readonly ConditionalWeakTable<SourceText, IReadOnlyList<SecretSpan>> Secrets = [];

    public static IReadOnlyList<SecretSpan> SecretsOf(SourceText text) =>
        Secrets.GetValue(text, static t => SecretRedactor.FindSecrets(t.ToString()));

    /// <summary>The text of <paramref name="span"/>, each secret in it (or cut by it) replaced by a placeholder.</summary>
    public static string ToRedactedString(this SourceText text, TextSpan span)
    {
        var secrets = SecretsOf(text);
        StringBuilder? builder = null;
        var position = span.Start;
        foreach (var secret in SecretRedactor.Intersecting(secrets, span.Start, span.End))
        {
            builder ??= new StringBuilder(span.Length);
            if (secret.Start > position)
            {
                builder.Append(text.ToString(TextSpan.FromBounds(position, secret.Start)));
            }

            var whole = secret.Start >= span.Start && secret.End <= span.End;
            builder.Append(whole ? secret.Replacement : SecretRedactor.Placeholder);
            position = Math.Max(position, Math.Min(secret.End, span.End));
        }

        if (builder is null)
        {
            return text.ToString(span);
        }

        if (position < span.End)
        {
            builder.Append(text.ToString(TextSpan.FromBounds(position, span.End)));
        }

        return builder.ToString();
    }

    /// <summary>One line of the document, redacted.</summary>
    public static string ToRedactedString(this TextLine line) => line.Text is { } text ? text.ToRedactedString(line.Span) : line.ToString();
}
