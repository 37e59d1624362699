namespace CodeAssist.Context.Collection;

/// <summary>
/// Takes candidates best first while they fit. A group's header and braces are paid by its first member; a member
/// whose signature does not fit may still get in by name. The rendered text is re-counted at the end, so the
/// budget holds exactly whatever the per-item estimate missed.
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
                if (used + upgrade <= budget)
                {
                    used += upgrade;
                    selected[standIn] = candidate;
                }

                continue;
            }

            if (used + cost > budget)
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
}
