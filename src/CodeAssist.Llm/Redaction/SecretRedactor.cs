namespace CodeAssist.Llm.Redaction;

/// <summary>
/// Removes secrets from text before it leaves the machine: private key blocks (also when only part of one is in the
/// text), credentials in URLs, API keys and tokens in their well-known shapes, passwords in connection strings, values
/// assigned to secret-like names (in every C# literal form, JSON and config files) and high-entropy words anywhere.
/// Over-redaction only costs the model a literal; under-redaction leaks a credential, so the detectors lean wide.
/// Redaction is deterministic and idempotent, so a redacted prompt prefix stays cacheable.
/// </summary>
public static class SecretRedactor
{
    public const string Placeholder = "[REDACTED]";

    public static string Redact(string text) => Redact(text, out _);

    public static string Redact(string text, out int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = FindSecrets(text);
        count = spans.Count;
        return spans.Count == 0 ? text : Slice(text, spans, 0, text.Length);
    }

    /// <summary>
    /// The secrets of a whole text, sorted and non-overlapping. Linear in the text: each detector runs only when its
    /// cheap marker occurs, and the entropy scan looks at each character once.
    /// </summary>
    public static IReadOnlyList<SecretSpan> FindSecrets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<SecretSpan>();
        PrivateKeyBlocks.Find(text, found);
        SecretPatterns.Find(text, found);
        HighEntropyWords.Find(text, found);
        return Merge(text, found);
    }

    /// <summary>
    /// The characters [<paramref name="start"/>, <paramref name="end"/>) of a text whose secrets were found on the
    /// whole text: a secret that the window cuts is still replaced, so a key block never leaks by being half inside.
    /// </summary>
    public static string Slice(string text, IReadOnlyList<SecretSpan> secrets, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        var builder = new System.Text.StringBuilder(end - start);
        var position = start;
        foreach (var secret in Intersecting(secrets, start, end))
        {
            if (secret.Start > position)
            {
                builder.Append(text, position, secret.Start - position);
            }

            var whole = secret.Start >= start && secret.End <= end;
            builder.Append(whole ? secret.Replacement : Placeholder);
            position = Math.Max(position, Math.Min(secret.End, end));
        }

        if (position < end)
        {
            builder.Append(text, position, end - position);
        }

        return builder.ToString();
    }

    /// <summary>The secrets overlapping [start, end), found by binary search in the sorted list.</summary>
    public static IEnumerable<SecretSpan> Intersecting(IReadOnlyList<SecretSpan> secrets, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var low = 0;
        var high = secrets.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (secrets[middle].End <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < secrets.Count && secrets[i].Start < end; i++)
        {
            yield return secrets[i];
        }
    }

    /// <summary>Redacts one exact value (an API key read from the environment) wherever it appears.</summary>
    public static string RedactValue(string text, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length < 4 ? text : text.Replace(secret, Placeholder, StringComparison.Ordinal);

    private static List<SecretSpan> Merge(string text, List<SecretSpan> found)
    {
        // Text that is already a placeholder is not a secret: this keeps redaction idempotent.
        found.RemoveAll(s => s.Length <= 0 || text.AsSpan(s.Start, s.Length).Trim().SequenceEqual(Placeholder));
        if (found.Count <= 1)
        {
            return found;
        }

        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<SecretSpan>(found.Count) { found[0] };
        foreach (var next in found.Skip(1))
        {
            var last = merged[^1];
            if (next.Start >= last.End)
            {
                merged.Add(next);
            }
            else if (next.End > last.End)
            {
                merged[^1] = new SecretSpan(last.Start, next.End, Placeholder);
            }
        }

        return merged;
    }
}
