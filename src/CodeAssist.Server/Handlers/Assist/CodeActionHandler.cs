using CodeAssist.Features.Fix;
using CodeAssist.Features.Refactor;
using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// textDocument/codeAction: "Explain with CodeAssist" (a client command calling codeAssist/explain), Roslyn's fixes
/// and a model fix per diagnostic, a model refactoring and Roslyn's refactorings at the range. Only titles are
/// computed here; edits are computed by codeAction/resolve, since clients ask for actions on every cursor move.
/// </summary>
internal sealed class CodeActionHandler(AssistServices assist) : RequestHandler<CodeActionParams, IReadOnlyList<CodeAction>>
{
    public const string ExplainCommand = "codeassist.explain";

    public override string Method => "textDocument/codeAction";

    public override void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities) =>
        capabilities.CodeActionProvider = new { codeActionKinds = new[] { "quickfix", "refactor", "refactor.rewrite" }, resolveProvider = true };

    public override async Task<IReadOnlyList<CodeAction>> HandleAsync(CodeActionParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.Document is not { } snapshot || context.RoslynDocument is not { } document)
        {
            return [];
        }

        var uri = request.TextDocument.Uri;
        var (start, length) = ProtocolConversions.GetSpan(snapshot, request.Range, context.PositionEncoding);
        var span = new TextSpan(start, length);
        var actions = new List<CodeAction>
        {
            new()
            {
                Title = "Explain with CodeAssist",
                Kind = "",
                Command = new LspCommand("Explain with CodeAssist", ExplainCommand, [uri, request.Range]),
            },
        };

        var fix = assist.FixFor(document);
        foreach (var (diagnostic, roslynDiagnostic) in await DiagnosticsAtAsync(request, snapshot, document, span, context, cancellationToken).ConfigureAwait(false))
        {
            var id = roslynDiagnostic.Id;
            var fixes = await FixService.ListRoslynFixesAsync(document, roslynDiagnostic, cancellationToken).ConfigureAwait(false);
            var first = actions.Count;
            foreach (var (title, _) in fixes)
            {
                actions.Add(new CodeAction { Title = title, Kind = "quickfix", Diagnostics = [diagnostic], Data = new("roslynFix", uri, diagnostic.Range, id, title) });
            }

            if (fix.HasModel)
            {
                // The model's fix is checked when resolved: it goes after Roslyn's corrections, before its other fixes.
                var corrections = fixes.TakeWhile(f => f.Tier == FixTier.Correction).Count();
                actions.Insert(first + corrections, new CodeAction
                {
                    Title = $"Fix with CodeAssist: {id} (model, compiler-checked)",
                    Kind = "quickfix",
                    Diagnostics = [diagnostic],
                    Data = new("modelFix", uri, diagnostic.Range, id),
                });
            }

            if (fixes.Count > 0 && fixes[0].Tier == FixTier.Correction)
            {
                // The likeliest fix, as editors' "auto fix" picks it: a correction of what was written.
                actions[first] = actions[first] with { IsPreferred = true };
            }
        }

        if (assist.RefactorFor(document).HasModel)
        {
            actions.Add(new CodeAction { Title = "Suggest refactoring (CodeAssist)", Kind = "refactor.rewrite", Data = new("modelRefactor", uri, request.Range) });
        }

        foreach (var (title, _) in await RoslynRefactorings.ListAsync(document, span, cancellationToken).ConfigureAwait(false))
        {
            var full = RoslynRefactorings.Title(title);
            actions.Add(new CodeAction { Title = full, Kind = "refactor", Data = new("roslynRefactor", uri, request.Range, Title: full) });
        }

        var only = request.Context?.Only;
        return only is null or { Count: 0 }
            ? actions
            : actions.Where(a => only.Any(k => a.Kind is { } kind && (kind == k || kind.StartsWith(k + ".", StringComparison.Ordinal)))).ToList();
    }
    /// <summary>
    /// The diagnostics to offer fixes for: those the client sent (found again in Roslyn), plus the compiler's own
    /// errors and warnings in the range that the client did not send. Clients only send back diagnostics they got
    /// from a server, so without this the fixes would be unreachable from VS Code and Neovim before a push arrived.
    /// Only the range's semantic diagnostics are computed: clients ask on every cursor move.
    /// </summary>
    private static async Task<List<(LspDiagnostic Lsp, Microsoft.CodeAnalysis.Diagnostic Roslyn)>> DiagnosticsAtAsync(
        CodeActionParams request, DocumentSnapshot snapshot, Microsoft.CodeAnalysis.Document document, TextSpan span,
        RequestContext context, CancellationToken cancellationToken)
    {
        var found = new List<(LspDiagnostic Lsp, Microsoft.CodeAnalysis.Diagnostic Roslyn)>();
        foreach (var diagnostic in request.Context?.Diagnostics ?? [])
        {
            if (diagnostic.CodeText is not { } id)
            {
                continue;
            }

            var (diagnosticStart, diagnosticLength) = ProtocolConversions.GetSpan(snapshot, diagnostic.Range, context.PositionEncoding);
            var roslynDiagnostic = await FixService.FindAsync(document, id, new TextSpan(diagnosticStart, diagnosticLength), cancellationToken).ConfigureAwait(false);
            if (roslynDiagnostic is not null)
            {
                found.Add((diagnostic, roslynDiagnostic));
            }
        }

        foreach (var roslynDiagnostic in await CompilerDiagnostics.GetAsync(document, span, cancellationToken).ConfigureAwait(false))
        {
            if (!found.Any(f => f.Roslyn.Id == roslynDiagnostic.Id && f.Roslyn.Location.SourceSpan == roslynDiagnostic.Location.SourceSpan))
            {
                found.Add((CompilerDiagnostics.ToLsp(roslynDiagnostic, snapshot, context.PositionEncoding), roslynDiagnostic));
            }
        }

        return found;
    }
}
