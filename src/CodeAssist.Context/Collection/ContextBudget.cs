namespace CodeAssist.Context.Collection;

/// <summary>
/// Takes candidates best first while they fit. A group's header and braces are paid by its first member; a member
/// whose signature does not fit may still get in by name. The rendered text is re-counted at the end, so the
/// budget holds exactly whatever the per-item estimate missed, and what the estimate left unused is filled again.
/// </summary>
internal static class ContextBudget
{
    /// <summary>
    /// Below this budget every member is named before any gets its signature: a prefilled head on two CPU cores holds
    /// 100-150 tokens of context, where a dozen signatures with their summaries would leave the needed name out. On the
    /// mined points of Newtonsoft.Json the needed name was then in 0.71 of contexts at 192 tokens instead of 0.47, and
    /// in 0.92 at 512 instead of 0.89 (docs/notes/context.md, "Names first"). The full budget (1024) keeps the layout
    /// with a dozen signatures first, which has more to tell the model about the calls it writes.
    /// </summary>
    internal const int NamesFirstBelowTokens = 600;

    // Refills after the first pass: each takes what the rendered text left of the budget. Two or three are enough (the
    // estimate's error shrinks with what is left); more would only cost time on a request's path.
    private const int MaxRefills = 3;

    public static (List<ContextCandidate> Selected, string Text, int Tokens) Fit(IEnumerable<ContextCandidate> candidates, int budget, ITokenCounter counter)
    {
        var ordered = candidates
            .Select((c, i) => (Candidate: c, Index: i))
            .OrderByDescending(c => c.Candidate.Score)
            .ThenBy(c => c.Index)
            .Select(c => c.Candidate)
            .ToList();
        if (budget < NamesFirstBelowTokens)
        {
            // Signatures that have a name to stand in for them come after everything else, in their own order: they
            // then only replace names where the budget leaves room (the upgrade below).
            var named = ordered.Where(c => c.IsNameOnly && c.Key is not null).Select(c => c.Key!).ToHashSet(StringComparer.Ordinal);
            bool Deferred(ContextCandidate c) => !c.IsNameOnly && c.Key is { } key && named.Contains(key);
            ordered = [.. ordered.Where(c => !Deferred(c)), .. ordered.Where(Deferred)];
        }

        // Each item is counted on its own, but rendered after a separator (", Name" on a shared line) where a BPE
        // tokenizer spends fewer tokens on it: with a model's tokenizer the first pass left a quarter of the budget
        // unused (the project digest of Newtonsoft.Json rendered 385 tokens of 512). Each refill lets the greedy pass
        // spend what the rendered text left, and the final count still holds the budget exactly.
        var counts = new MemoizedCounter(counter);
        var best = FitOnce(ordered, budget, budget, counts);
        var allowance = budget;
        var last = best.Tokens;
        for (var refill = 0; refill < MaxRefills && last < budget && best.Selected.Count < ordered.Count; refill++)
        {
            allowance += budget - last;
            var attempt = FitOnce(ordered, allowance, budget, counts);
            if (attempt.Tokens <= best.Tokens)
            {
                break;
            }

            best = attempt;
            last = attempt.Tokens;
        }

        return best;
    }

    // One greedy pass within `allowance` (estimated), then the rendered text cut down to `budget` (counted).
    private static (List<ContextCandidate> Selected, string Text, int Tokens) FitOnce(List<ContextCandidate> ordered, int allowance, int budget, ITokenCounter counter)
    {
        var selected = new List<ContextCandidate>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var openGroups = new HashSet<string>(StringComparer.Ordinal);
        var groupsWithNames = new HashSet<string>(StringComparer.Ordinal);
        var used = 0;
        foreach (var candidate in ordered)
        {
            var cost = Cost(candidate, counter, openGroups, groupsWithNames);
            if (candidate.Key is { } key && taken.Contains(key))
            {
                // A signature may replace the name that stood in for it, when the difference fits.
                var standIn = selected.FindIndex(c => c.Key == key && c.IsNameOnly);
                if (standIn < 0 || candidate.IsNameOnly)
                {
                    continue;
                }

                var upgrade = cost - counter.CountTokens(selected[standIn].Text) - 1;
                if (used + upgrade <= allowance)
                {
                    used += upgrade;
                    selected[standIn] = candidate;
                }

                continue;
            }

            if (used + cost > allowance)
            {
                continue;
            }

            used += cost;
            selected.Add(candidate);
            if (candidate.Key is not null)
            {
                taken.Add(candidate.Key);
            }

            if (candidate.Group is { } group)
            {
                openGroups.Add(group);
                if (candidate.IsNameOnly)
                {
                    groupsWithNames.Add(group);
                }
            }
        }

        // The estimate per item is close but not exact (shared lines, separators): drop the weakest until it fits.
        while (true)
        {
            var text = ContextRenderer.Render(selected);
            var tokens = counter.CountTokens(text);
            if (tokens <= budget || selected.Count == 0)
            {
                return (selected, text, tokens);
            }

            var weakest = selected.Select((c, i) => (c, i)).MinBy(x => x.c.Score).i;
            selected.RemoveAt(weakest);
        }
    }

    private static int Cost(ContextCandidate candidate, ITokenCounter counter, HashSet<string> openGroups, HashSet<string> groupsWithNames)
    {
        var cost = candidate.IsHeaderOnly ? 0 : counter.CountTokens(candidate.Text) + (candidate.IsNameOnly ? 1 : 2);
        if (candidate.Group is { } group && !openGroups.Contains(group))
        {
            cost += counter.CountTokens(ContextRenderer.OpenGroup(candidate)) + 4;
        }

        if (candidate.IsNameOnly && candidate.Group is { } named && !groupsWithNames.Contains(named))
        {
            cost += counter.CountTokens(ContextRenderer.AlsoPrefix) + 2;
        }

        return cost;
    }

    /// <summary>Counts each distinct text once per fit: the refills count the same candidates again.</summary>
    private sealed class MemoizedCounter(ITokenCounter inner) : ITokenCounter
    {
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

        public int CountTokens(string text)
        {
            if (!counts.TryGetValue(text, out var count))
            {
                count = inner.CountTokens(text);
                counts[text] = count;
            }

            return count;
        }
    }
}
