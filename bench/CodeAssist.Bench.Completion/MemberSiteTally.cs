using CodeAssist.Llm;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Counts, over the finished model calls, the names a candidate wrote where a member must follow (after
/// <c>expr.</c> with a receiver the compiler knows, or the member typed before the caret) and how many of them are
/// members of the receiver, using the same sites the constraint uses. Also gathers the constraint's per-token cost.
/// </summary>
internal sealed class MemberSiteTally
{
    private readonly Lock gate = new();
    private readonly List<double> tokenMicroseconds = [];

    public int Sites { get; private set; }

    public int Bound { get; private set; }

    public int Replacements { get; private set; }

    public IReadOnlyList<double> TokenMicroseconds
    {
        get
        {
            lock (gate)
            {
                return tokenMicroseconds.ToArray();
            }
        }
    }

    public void Add(IdentifierConstraint identifiers, string text, CompletionUsage usage)
    {
        var sites = 0;
        var bound = 0;
        for (var start = 0; start <= text.Length; start++)
        {
            if (start > 0 && text[start - 1] != '.')
            {
                continue;
            }

            if (identifiers.SiteAfter(text[..start]) is not { Required: true } site)
            {
                continue;
            }

            var end = start;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            // A name cut by the token limit is not judged.
            if (end == text.Length && usage.FinishReason != CompletionFinishReason.Stop)
            {
                continue;
            }

            sites++;
            if (site.Names.Contains(site.Typed + text[start..end], StringComparer.Ordinal))
            {
                bound++;
            }
        }

        lock (gate)
        {
            Sites += sites;
            Bound += bound;
            Replacements += usage.ConstrainedReplacements;
            tokenMicroseconds.AddRange(usage.ConstraintTokenTimes.Select(t => t.TotalMicroseconds));
        }
    }
}
