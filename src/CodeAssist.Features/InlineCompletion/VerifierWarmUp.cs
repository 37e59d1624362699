using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Runs one real verification on a document of a project, off the user's path: a misspelled name inserted into the
/// first method body is forked, bound and repaired, which builds the compilation, the binder caches and Roslyn's
/// spelling fixer (its completion providers) for that project.
/// </summary>
internal static class VerifierWarmUp
{
    /// <summary>Misspelled on purpose so the spelling fixer runs too.</summary>
    private const string Probe = "ToStrin();";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(Document document, CancellationToken cancellationToken)
    {
        await SpellingRepair.WarmUp().WaitAsync(cancellationToken).ConfigureAwait(false);

        // Binding every member of the opened file runs (and JIT-compiles) the binder paths for the constructs the user
        // is about to type near; one fork below only covers a single method's.
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        semanticModel?.GetDiagnostics(cancellationToken: cancellationToken);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var body = root?.DescendantNodes().OfType<BlockSyntax>().FirstOrDefault(block => block.Parent is BaseMethodDeclarationSyntax);
        if (body is null)
        {
            return;
        }

        var outcome = await CandidateVerifier.VerifyAsync(document, body.OpenBraceToken.Span.End, [Probe], Budget, before: null, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.Late is { } late)
        {
            await late.ConfigureAwait(false);
        }
    }
}
