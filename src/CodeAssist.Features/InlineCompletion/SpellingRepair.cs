using CodeAssist.Features.Common;
using CodeAssist.Features.Fix;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Repairs the one misspelled name of a rejected candidate. Roslyn's own spelling code fix ("Change 'Cuont' to
/// 'Count'", loaded by <see cref="RoslynProviderCatalog"/> without MEF) is asked first and its best fix is taken: it
/// ranks the names of the completion list at that point by Roslyn's word similarity, as the IDE does. Only when it
/// offers nothing within its time budget does the nearest accessible name by edit distance stand in.
/// </summary>
internal static class SpellingRepair
{
    /// <summary>The export name of Roslyn's spelling fixer (PredefinedCodeFixProviderNames.SpellCheck, not public).</summary>
    private const string SpellCheckFixer = "SpellCheck";

    /// <summary>
    /// The text that replaces <paramref name="diagnostic"/>'s span in <paramref name="fork"/> (the name, with its type
    /// arguments if it has any), or null when there is no repair. <paramref name="roslynBudget"/> bounds the wait for
    /// Roslyn's fixer, which computes a completion list (and, first in a process, composes its providers).
    /// </summary>
    public static async Task<string?> FindReplacementAsync(Document fork, Diagnostic diagnostic, TimeSpan roslynBudget, CancellationToken cancellationToken)
    {
        var span = diagnostic.Location.SourceSpan;
        var root = await fork.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not SimpleNameSyntax name || name.Identifier.SpanStart != span.Start)
        {
            return null;
        }

        if (await FromRoslynAsync(fork, diagnostic, roslynBudget, cancellationToken).ConfigureAwait(false) is { } fixedName)
        {
            return fixedName;
        }

        var model = await fork.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || Nearest(name.Identifier.ValueText, CandidateNames(model, name, cancellationToken)) is not { } nearest)
        {
            return null;
        }

        var text = await fork.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return nearest + text.ToString(TextSpan.FromBounds(name.Identifier.Span.End, span.End));
    }

    private static readonly Lazy<Task> WarmUpOnce = new(() => Task.Run(WarmUpAsync));

    /// <summary>
    /// Pays the fixer's one-time cost (composing Roslyn's completion providers: about 0.7 s, against 10-40 ms for each
    /// later call) in the background once per process, so the first repair is not the one that runs out of budget.
    /// </summary>
    public static Task WarmUp() => WarmUpOnce.Value;

    private static async Task WarmUpAsync()
    {
        try
        {
            using var workspace = new AdhocWorkspace();
            var project = workspace.AddProject("SpellingWarmUp", LanguageNames.CSharp)
                .AddMetadataReference(MetadataReference.CreateFromFile(typeof(object).Assembly.Location));
            var document = project.AddDocument("WarmUp.cs", "class C { int M(int count) => cuont; }");
            var model = await document.GetSemanticModelAsync().ConfigureAwait(false);
            if (model?.GetDiagnostics().FirstOrDefault(d => d.Id == "CS0103") is { } diagnostic)
            {
                await FromRoslynAsync(document, diagnostic, TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Best effort: a failed warm-up only means the first real repair pays the cost itself.
        }
    }

    /// <summary>The replacement of the diagnostic's span by the first (best) fix of Roslyn's spelling fixer, or null.</summary>
    internal static async Task<string?> FromRoslynAsync(Document fork, Diagnostic diagnostic, TimeSpan budget, CancellationToken cancellationToken)
    {
        var fixers = RoslynProviderCatalog.FixersFor(diagnostic.Id, SpellCheckFixer);
        if (fixers.IsEmpty)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget < TimeSpan.Zero ? TimeSpan.Zero : budget);
        try
        {
            // On the thread pool and awaited with WaitAsync: the fixer's first call composes Roslyn's completion
            // providers synchronously, and the budget must hold even then (the composition finishes in the background).
            var fixing = Task.Run(() => BestFixAsync(fork, diagnostic, fixers, timeout.Token), timeout.Token);
            return await fixing.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<string?> BestFixAsync(
        Document fork, Diagnostic diagnostic, IEnumerable<CodeFixProvider> fixers, CancellationToken cancellationToken)
    {
        var actions = await RoslynCodeFixes.ListAsync(fork, diagnostic, fixers, cancellationToken).ConfigureAwait(false);
        if (actions.Count == 0)
        {
            return null;
        }

        var changed = (await RoslynActions.ChangedSolutionAsync(actions[0].Action, cancellationToken).ConfigureAwait(false))?.GetDocument(fork.Id);
        if (changed is null)
        {
            return null;
        }

        // The fixer replaces the one name token, so the span grows or shrinks by the difference in length.
        var span = diagnostic.Location.SourceSpan;
        var before = await fork.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var after = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var length = span.Length + after.Length - before.Length;
        var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (length <= 0 || span.Start + length > after.Length || changedRoot is null)
        {
            return null;
        }

        var replacement = after.ToString(new TextSpan(span.Start, length));
        var token = changedRoot.FindToken(span.Start);
        return token.IsKind(SyntaxKind.IdentifierToken) && token.SpanStart == span.Start && replacement.StartsWith(token.Text, StringComparison.Ordinal)
            ? replacement
            : null;
    }

    /// <summary>The nearest name within two edits (and under half the length), or null when none or a tie.</summary>
    public static string? Nearest(string misspelled, IEnumerable<string> names)
    {
        var limit = Math.Min(2, Math.Max(1, misspelled.Length / 2 - 1));
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var candidate in names.Distinct(StringComparer.Ordinal))
        {
            if (candidate == misspelled || Math.Abs(candidate.Length - misspelled.Length) > limit)
            {
                continue;
            }

            var distance = EditDistance(misspelled, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (candidate, distance, false);
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }

        return best is not null && bestDistance <= limit && !tie ? best : null;
    }

    private static IEnumerable<string> CandidateNames(SemanticModel model, SimpleNameSyntax name, CancellationToken cancellationToken)
    {
        var position = name.SpanStart;
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            var receiver = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
            if (receiver is INamespaceOrTypeSymbol container && receiver is not ILocalSymbol)
            {
                return model.LookupSymbols(position, container).Select(symbol => symbol.Name);
            }

            var type = model.GetTypeInfo(access.Expression, cancellationToken).Type;
            return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Select(symbol => symbol.Name);
        }

        return model.LookupSymbols(position).Select(symbol => symbol.Name);
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
