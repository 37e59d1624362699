using CodeAssist.Context.Collection;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Context;

/// <summary>
/// Gathers the context at a position from the semantic model, ranks it and cuts it to a token budget. Works on an
/// immutable document snapshot, so concurrent requests need no locking.
/// </summary>
public sealed class ContextCollector : ICodeContextProvider
{
    private const int ThinThreshold = 6;
    private const string DigestTitle = "// used across the project\n";

    private readonly ITokenCounter _tokenCounter;
    private readonly IWorkspaceSession? _session;
    private readonly ContentExclusions? _exclusions;
    private readonly ProjectDigestCache _digests = new();

    /// <param name="exclusions">Files whose text must not be collected; the built-in secrets patterns when null.</param>
    public ContextCollector(ITokenCounter? tokenCounter = null, IWorkspaceSession? session = null, ContentExclusions? exclusions = null)
    {
        _tokenCounter = tokenCounter ?? EstimatingTokenCounter.Instance;
        _session = session;
        _exclusions = exclusions;
    }

    public async Task WarmUpAsync(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        await ProjectTypeIndex.GetAsync(document.Project, cancellationToken).ConfigureAwait(false);
    }

    public Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, CancellationToken cancellationToken) =>
        GetContextAsync(document, position, budgetTokens, _tokenCounter, cancellationToken);

    public async Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenCounter);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetTokens);
        // An excluded file gives no context at all, and no excluded file gives any: its text never enters a prompt.
        var exclusion = _exclusions?.Current ?? ContentExclusion.Defaults;
        var site = exclusion.IsExcluded(document.FilePath) ? null : await CursorAnalyzer.AnalyzeAsync(document, position, cancellationToken);
        if (site is null)
        {
            return new CodeContext([], "", 0, budgetTokens);
        }

        var candidates = new List<ContextCandidate>();
        candidates.AddRange(HeaderSource.Collect(site));
        candidates.AddRange(ScopeSource.Collect(site, cancellationToken));
        candidates.AddRange(ExpectedTypeSource.Collect(site));
        candidates.AddRange(ReceiverSource.Collect(site, cancellationToken));
        candidates.AddRange(InitializerSource.Collect(site, cancellationToken));
        candidates.AddRange(await CrossFileSource.CollectAsync(site, cancellationToken));
        candidates.AddRange(StaticImportSource.Collect(site));
        candidates.AddRange(DiagnosticsSource.Collect(site, cancellationToken));
        if (IsThin(candidates))
        {
            candidates.AddRange(await LexicalSource.CollectAsync(site, _session?.RecentFilePaths ?? [], exclusion, cancellationToken));
        }

        candidates.RemoveAll(c => c.Location is { } location && exclusion.IsExcluded(location.FilePath));

        var (selected, text, tokens) = ContextBudget.Fit(candidates, budgetTokens, tokenCounter);
        var items = selected.Select(c => new ContextItem(c.Kind, c.Text, c.Score, c.Location)).ToList();
        return new CodeContext(items, text, tokens, budgetTokens);
    }

    public async Task<CodeContext> GetProjectDigestAsync(Document document, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(tokenCounter);
        var exclusion = _exclusions?.Current ?? ContentExclusion.Defaults;
        var candidates = await _digests.GetAsync(document.Project, exclusion, cancellationToken).ConfigureAwait(false);
        // The title counted with the caller's tokenizer: the budget is filled to the token, so a guess would overrun it.
        var titleTokens = tokenCounter.CountTokens(DigestTitle);
        var (selected, text, tokens) = ContextBudget.Fit(candidates, Math.Max(0, budgetTokens - titleTokens), tokenCounter);
        if (selected.Count == 0)
        {
            return new CodeContext([], "", 0, budgetTokens);
        }

        var items = selected.Select(c => new ContextItem(c.Kind, c.Text, c.Score, c.Location)).ToList();
        return new CodeContext(items, DigestTitle + text, tokens + titleTokens, budgetTokens);
    }

    /// <summary>Thin: the compiler found only a handful of declarations to show (few types resolve, or few exist).</summary>
    private static bool IsThin(List<ContextCandidate> candidates) =>
        candidates.Count(c => !c.IsNameOnly && !c.IsHeaderOnly && c.Kind is ContextItemKind.ReceiverMember or ContextItemKind.CrossFileSymbol or ContextItemKind.ExpectedType) < ThinThreshold;
}
