namespace CodeAssist.Features.Common;

/// <summary>Honest wording for a bounded search's result, in summaries and in prompts.</summary>
internal static class SearchSummary
{
    /// <summary>The sentence for a search that found nothing.</summary>
    public static string None(string what, SearchStop stop) => stop switch
    {
        SearchStop.TimeLimit => $"search stopped after {Seconds(SymbolFactsCollector.SearchBudget)}; none found so far",
        _ => $"no {what} found in the workspace",
    };

    /// <summary>The note after a list of results ("" when the list is complete).</summary>
    public static string Partial(SearchStop stop, int limit) => stop switch
    {
        SearchStop.TimeLimit => $" (search stopped after {Seconds(SymbolFactsCollector.SearchBudget)}; more may exist)",
        SearchStop.CountLimit => $" (first {limit} shown; more exist)",
        _ => "",
    };

    private static string Seconds(TimeSpan budget) => $"{budget.TotalSeconds:0.#} s";
}
