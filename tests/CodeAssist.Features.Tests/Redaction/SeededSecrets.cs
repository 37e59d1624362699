namespace CodeAssist.Features.Tests.Redaction;

/// <summary>The redaction corpus: its files and the secrets seeded in them (RedactionCorpus/seeded-secrets.txt).</summary>
internal static class SeededSecrets
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "RedactionCorpus");

    public static IReadOnlyList<(string Kind, string Value)> All { get; } = File.ReadAllLines(Path.Combine(Folder, "seeded-secrets.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('\t', 2))
        .Select(parts => (parts[0], parts[1]))
        .ToArray();

    public static IReadOnlyList<(string Name, string Text)> Files { get; } = new[] { "Vault.cs", "appsettings.json", "deploy.env", "secrets.yaml" }
        .Select(name => (name, File.ReadAllText(Path.Combine(Folder, name)).ReplaceLineEndings("\n")))
        .ToArray();

    /// <summary>
    /// The seeded secrets that <paramref name="text"/> shows, whole or in part: a long secret leaks when any 16
    /// characters of it in a row are there (half a key is a leak too).
    /// </summary>
    public static IEnumerable<string> FoundIn(string text)
    {
        foreach (var (kind, value) in All)
        {
            var leaked = value.Length < 24
                ? text.Contains(value, StringComparison.Ordinal)
                : Enumerable.Range(0, value.Length - 15).Any(i => text.Contains(value.Substring(i, 16), StringComparison.Ordinal));
            if (leaked)
            {
                yield return $"{kind}: {value}";
            }
        }
    }
}
