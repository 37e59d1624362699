using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// Step 5: applies each candidate to a fork of the document and compares the errors of the enclosing member before
/// and after. Only the member is bound (not the whole file), which keeps a check near 10 ms on real projects.
/// A candidate with one unknown name gets one repair attempt: Roslyn's spelling fix, else the nearest accessible name.
/// </summary>
internal static class CandidateVerifier
{
    /// <summary>The most a verification may go on in the background after its budget ran out.</summary>
    private static readonly TimeSpan BackgroundLimit = TimeSpan.FromSeconds(10);

    /// <summary>What Roslyn's spelling fixer gets once the budget is spent (the check then runs in the background).</summary>
    private static readonly TimeSpan BackgroundRepairBudget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Checks every candidate. When the check does not finish within <paramref name="budget"/>, the outcome holds the
    /// candidates as unverified and the check that goes on in the background (bounded by its own limit); nothing that
    /// is still being checked is ever reported as verified.
    /// </summary>
    public static async Task<VerificationOutcome> VerifyAsync(
        Document document,
        int position,
        IReadOnlyList<string> candidates,
        TimeSpan budget,
        Task<MemberErrors>? before,
        CancellationToken cancellationToken)
    {
        if (await IsInDisabledCodeAsync(document, position, cancellationToken).ConfigureAwait(false))
        {
            // Code excluded by #if is not compiled: the compiler has nothing to say about it.
            return new VerificationOutcome(Unchecked(candidates), Late: null);
        }

        var stopwatch = Stopwatch.StartNew();
        var full = Task.Run(() => VerifyInBackgroundAsync(document, position, candidates, budget, stopwatch, before, cancellationToken), cancellationToken);
        if (budget > TimeSpan.Zero)
        {
            var timer = Task.Delay(budget, cancellationToken);
            if (await Task.WhenAny(full, timer).ConfigureAwait(false) == full || full.IsCompleted)
            {
                return new VerificationOutcome(await full.ConfigureAwait(false), Late: null);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new VerificationOutcome(Unchecked(candidates), full);
    }

    private static List<VerifiedCandidate> Unchecked(IReadOnlyList<string> candidates) =>
        candidates.Select(text => new VerifiedCandidate(text, VerificationState.Unverified, false, 0, [])).ToList();

    private static async Task<IReadOnlyList<VerifiedCandidate>> VerifyInBackgroundAsync(
        Document document,
        int position,
        IReadOnlyList<string> candidates,
        TimeSpan budget,
        Stopwatch stopwatch,
        Task<MemberErrors>? before,
        CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The limit counts from the end of the budget: a check still inside its budget is never cut short by it.
        limit.CancelAfter(budget + BackgroundLimit);
        var token = limit.Token;
        var results = new List<VerifiedCandidate>(candidates.Count);
        var errorsBefore = await (before ?? MemberErrorsAsync(document, position, token)).WaitAsync(token).ConfigureAwait(false);
        foreach (var candidate in candidates)
        {
            var (checkedCandidate, rejecting, fork) = await CheckAsync(document, position, candidate, errorsBefore, token).ConfigureAwait(false);
            if (checkedCandidate.Rejected && rejecting.Count == 1 && DiagnosticRules.IsUnknownName(rejecting[0]))
            {
                // Within the budget, Roslyn's spelling fixer gets half of what is left (the fallback and the re-check
                // the rest); past it the user sees nothing yet, so the fixer gets a fixed, generous share.
                var left = budget - stopwatch.Elapsed;
                var roslynBudget = left > TimeSpan.Zero ? left / 2 : BackgroundRepairBudget;
                checkedCandidate = await TryRepairAsync(document, position, fork, checkedCandidate.Text, rejecting[0], errorsBefore, roslynBudget, token)
                    .ConfigureAwait(false) ?? checkedCandidate;
            }

            if (checkedCandidate.Rejected && CandidateTrim.BeforeFirstError(candidate, position, rejecting, token) is { } start)
            {
                // The start the compiler had nothing against, checked again as it would be shown.
                var (trimmed, _, _) = await CheckAsync(document, position, start, errorsBefore, token).ConfigureAwait(false);
                checkedCandidate = trimmed.Rejected ? checkedCandidate : trimmed with { State = VerificationState.Trimmed };
            }

            results.Add(checkedCandidate);
        }

        return results;
    }

    private static async Task<(VerifiedCandidate Result, IReadOnlyList<Diagnostic> Rejecting, Document Fork)> CheckAsync(
        Document document, int position, string candidate, MemberErrors before, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var fork = document.WithText(text.WithChanges(new TextChange(new TextSpan(position, 0), candidate)));
        var insertedEnd = position + candidate.Length;
        var tree = await fork.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);

        // Syntax errors inside the inserted text cannot have existed before it, whatever their message. They reject
        // the candidate on the parse alone: binding a member that a stray quote or brace has swallowed costs the most.
        var malformed = tree is null
            ? []
            : tree.GetDiagnostics(cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Error
                    && (IsInside(d.Location.SourceSpan, position, insertedEnd) || (d.Location.SourceSpan.Start >= position && SwallowsFollowingCode(tree, position, insertedEnd, cancellationToken))))
                .ToList();
        if (malformed.Count > 0)
        {
            return (new VerifiedCandidate(candidate, VerificationState.Verified, true, malformed.Count, malformed.Select(d => d.Id).Distinct().ToList()), malformed, fork);
        }

        var after = await MemberErrorsAsync(fork, position, cancellationToken).ConfigureAwait(false);
        var added = after.Subtract(before);
        var rejecting = added.Where(d => DiagnosticRules.IsUnknownName(d)
            || DiagnosticRules.IsMalformed(d)
            || (DiagnosticRules.IsWrongUse(d) && !IsInUnfinishedStatement(d, insertedEnd, cancellationToken)))
            .ToList();
        var result = new VerifiedCandidate(
            candidate,
            VerificationState.Verified,
            rejecting.Count > 0,
            added.Count,
            rejecting.Select(d => d.Id).Distinct().ToList());
        return (result, rejecting, fork);
    }

    /// <summary>
    /// Strictly inside the candidate: not at its end, where unfinished code legitimately stops (`Foo(a,`), and not a
    /// zero-length error at the caret, which belongs to the text before it (`order.` expecting a name).
    /// </summary>
    private static bool IsInside(Microsoft.CodeAnalysis.Text.TextSpan span, int insertedStart, int insertedEnd) =>
        span.End < insertedEnd && (span.Start > insertedStart || (span.Length > 0 && span.Start >= insertedStart));

    /// <summary>
    /// Whether the candidate opens a block comment or a multi-line string that runs past its own line: the code after
    /// it would be swallowed, though the only error the parser reports is at the end of the file.
    /// </summary>
    private static bool SwallowsFollowingCode(SyntaxTree tree, int insertedStart, int insertedEnd, CancellationToken cancellationToken)
    {
        if (insertedEnd <= insertedStart)
        {
            return false;
        }

        var root = tree.GetRoot(cancellationToken);
        var lineEnd = tree.GetText(cancellationToken).Lines.GetLineFromPosition(insertedEnd).End;
        var last = insertedEnd - 1;
        var trivia = root.FindTrivia(last);
        if (trivia.Span.Contains(last) && trivia.SpanStart >= insertedStart && trivia.Span.End > lineEnd
            && (trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)))
        {
            return true;
        }

        var token = root.FindToken(last);
        return token.Span.Contains(last) && token.SpanStart >= insertedStart && token.Span.End > lineEnd
            && (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
                || token.IsKind(SyntaxKind.InterpolatedStringTextToken) || token.IsKind(SyntaxKind.CharacterLiteralToken));
    }

    /// <summary>Wrong argument counts and types are expected while a call is still open: `Foo(a, ` has too few arguments.</summary>
    private static bool IsInUnfinishedStatement(Diagnostic diagnostic, int insertedEnd, CancellationToken cancellationToken)
    {
        var tree = diagnostic.Location.SourceTree;
        if (tree is null)
        {
            return false;
        }

        var node = tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan);
        var statement = node.AncestorsAndSelf().FirstOrDefault(n => n is StatementSyntax or MemberDeclarationSyntax) ?? node;
        return statement.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceSpan.Start >= insertedEnd - 1);
    }

    private static async Task<VerifiedCandidate?> TryRepairAsync(
        Document document,
        int position,
        Document fork,
        string candidate,
        Diagnostic diagnostic,
        MemberErrors before,
        TimeSpan roslynBudget,
        CancellationToken cancellationToken)
    {
        var span = diagnostic.Location.SourceSpan;
        var start = span.Start - position;
        if (start < 0 || span.End - position > candidate.Length)
        {
            return null;
        }

        var replacement = await SpellingRepair.FindReplacementAsync(fork, diagnostic, roslynBudget, cancellationToken).ConfigureAwait(false);
        if (replacement is null)
        {
            return null;
        }

        var repairedText = string.Concat(candidate.AsSpan(0, start), replacement, candidate.AsSpan(start + span.Length));
        var (repaired, _, _) = await CheckAsync(document, position, repairedText, before, cancellationToken).ConfigureAwait(false);
        return repaired.Rejected ? null : repaired with { State = VerificationState.Repaired };
    }

    /// <summary>The errors of the member around <paramref name="position"/>: the "before" side, computable while the model runs.</summary>
    public static async Task<MemberErrors> MemberErrorsAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return MemberErrors.Empty;
        }

        var span = EnclosingMemberSpan(root, position);

        // Inside a body, syntax and body diagnostics suffice; declaration diagnostics (needed for attributes,
        // signatures and initializers) complete more symbols of the file and cost more.
        var diagnostics = IsInsideBody(root, position)
            ? model.GetSyntaxDiagnostics(span, cancellationToken).Concat(model.GetMethodBodyDiagnostics(span, cancellationToken))
            : model.GetDiagnostics(span, cancellationToken);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
        return new MemberErrors(errors.ToList());
    }

    private static async Task<bool> IsInDisabledCodeAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root?.FindTrivia(Math.Max(0, position - 1)).IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.DisabledTextTrivia) == true;
    }

    private static bool IsInsideBody(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, position - 1));
        return token.Parent?.AncestorsAndSelf().Any(node => node is BlockSyntax or ArrowExpressionClauseSyntax
            && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
                or BasePropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax) == true;
    }

    /// <summary>The member around the caret; its start is before the caret, so the same member is found in a fork.</summary>
    private static TextSpan EnclosingMemberSpan(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, position - 1));
        var member = token.Parent?.AncestorsAndSelf().FirstOrDefault(node =>
            node is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax
            || node is GlobalStatementSyntax);
        if (member is null)
        {
            return root.FullSpan;
        }

        // Members of local functions and lambdas bind with their container, so the container's span is enough.
        return member.FullSpan;
    }
}
