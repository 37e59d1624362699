using System.Text;

namespace CodeAssist.Bench.Context;

/// <summary>
/// The lexical baseline of the data README: BM25 over 20-line windows of the project's other non-test .cs files,
/// queried with the 10 lines up to the hole, windows taken best first up to about 4 characters a token.
/// </summary>
internal sealed class Bm25Baseline
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private readonly List<(string File, string Text, Dictionary<string, int> Terms, int Length)> _windows = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private double _averageLength;

    public Bm25Baseline(IEnumerable<(string Path, string Text)> files)
    {
        foreach (var (path, text) in files)
        {
            var lines = text.Split('\n');
            for (var start = 0; start < lines.Length; start += 20)
            {
                var window = string.Join('\n', lines.Skip(start).Take(20));
                var terms = Terms(window).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                _windows.Add((path, window, terms, terms.Values.Sum()));
                foreach (var term in terms.Keys)
                {
                    _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
                }
            }
        }

        _averageLength = _windows.Count == 0 ? 1 : _windows.Average(w => w.Length);
    }

    public string Retrieve(string query, string excludeFile, int budgetTokens)
    {
        var queryTerms = Terms(query).Distinct(StringComparer.Ordinal).ToList();
        var n = _windows.Count;
        var ranked = _windows
            .Where(w => w.File != excludeFile)
            .Select(w => (w.Text, Score: queryTerms.Sum(t =>
            {
                if (!w.Terms.TryGetValue(t, out var tf))
                {
                    return 0;
                }

                var df = _documentFrequency[t];
                var idf = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
                return idf * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * w.Length / _averageLength))));
            })))
            .Where(w => w.Score > 0)
            .OrderByDescending(w => w.Score);
        var budgetChars = budgetTokens * 4;
        var builder = new StringBuilder();
        foreach (var (text, _) in ranked)
        {
            if (builder.Length + text.Length + 1 > budgetChars)
            {
                break;
            }

            builder.Append(text).Append('\n');
        }

        return builder.ToString();
    }

    private static IEnumerable<string> Terms(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isPart = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isPart && start < 0)
            {
                start = i;
            }
            else if (!isPart && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
