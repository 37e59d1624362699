using System.Collections.Immutable;
using System.Reflection;
using CodeAssist.Features.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CodeAssist.Features.Fix;

/// <summary>Roslyn's own code fixes for a diagnostic (add using, fix spelling, generate member...), run headless.</summary>
internal static class RoslynCodeFixes
{
    public const int MaxActions = 8;

    /// <summary>Export names of the fixers that correct the written name (Roslyn's PredefinedCodeFixProviderNames).</summary>
    private static readonly HashSet<string> CorrectingFixers = new(StringComparer.Ordinal) { "AddImport", "FullyQualify", "SpellCheck" };

    public static Task<IReadOnlyList<RankedFix>> ListAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        ListAsync(document, diagnostic, RoslynProviderCatalog.FixersFor(diagnostic.Id), cancellationToken);

    /// <summary>
    /// The actions of the given fixers, best first as Visual Studio orders them: corrections (spelling, using
    /// directives, qualification) before other fixes before generated members; then by Roslyn's own priority; then
    /// in the order the fixers register them (best first within a fixer).
    /// </summary>
    public static async Task<IReadOnlyList<RankedFix>> ListAsync(
        Document document, Diagnostic diagnostic, IEnumerable<CodeFixProvider> fixers, CancellationToken cancellationToken)
    {
        var actions = new List<(CodeAction Action, FixTier Tier)>();
        foreach (var fixer in fixers)
        {
            var exportName = fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>()?.Name;
            var context = new CodeFixContext(document, diagnostic.Location.SourceSpan, [diagnostic], (action, _) =>
            {
                lock (actions)
                {
                    actions.Add((action, TierOf(exportName, action)));
                }
            }, cancellationToken);
            try
            {
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One fixer that needs a service we do not host must not hide the others' fixes.
            }
        }

        return actions
            .Select((entry, order) => (entry.Action, entry.Tier, order))
            .OrderBy(entry => entry.Tier)
            .ThenByDescending(entry => entry.Action.Priority)
            .ThenBy(entry => entry.order)
            .SelectMany(entry => RoslynActions.Flatten(entry.Action).Select(leaf => new RankedFix(leaf.Title, leaf.Action, entry.Tier)))
            .DistinctBy(fix => fix.Title, StringComparer.Ordinal)
            .Take(MaxActions)
            .ToList();
    }

    private static FixTier TierOf(string? exportName, CodeAction action) =>
        exportName is not null && CorrectingFixers.Contains(exportName) ? FixTier.Correction
        : exportName?.StartsWith("Generate", StringComparison.Ordinal) == true ? FixTier.Generation
        : action.Priority == CodeActionPriority.High ? FixTier.Correction
        : FixTier.Other;

    public static async Task<IReadOnlyList<CodeSuggestion>> ComputeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var suggestions = new List<CodeSuggestion>();
        foreach (var (title, action, tier) in await ListAsync(document, diagnostic, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var edits = await RoslynActions.EditsAsync(action, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                if (edits.Count > 0)
                {
                    suggestions.Add(new CodeSuggestion(RoslynTitle(title), SuggestionSource.Roslyn, null, edits) { Tier = tier });
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Same as above: a failing action is dropped, not fatal.
            }
        }

        return suggestions;
    }

    public static string RoslynTitle(string title) => $"Fix (Roslyn): {title}";

    public static ImmutableArray<string> FixableIds(Diagnostic diagnostic) =>
        RoslynProviderCatalog.FixersFor(diagnostic.Id).IsEmpty ? [] : [diagnostic.Id];
}
