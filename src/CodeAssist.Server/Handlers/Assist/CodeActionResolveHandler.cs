using CodeAssist.Features.Common;
using CodeAssist.Features.Fix;
using CodeAssist.Features.Refactor;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// codeAction/resolve: computes the edit of an action listed by <see cref="CodeActionHandler"/>. A model suggestion
/// that fails verification comes back without an edit, and the reason is shown to the user.
/// </summary>
internal sealed class CodeActionResolveHandler(AssistServices assist) : RequestHandler<CodeAction, CodeAction>
{
    public override string Method => "codeAction/resolve";

    /// <summary>The action's document is in its data, so the queue captures that document's snapshot.</summary>
    public override string? GetDocumentUri(object parameters) => (parameters as CodeAction)?.Data?.Uri;

    public override async Task<CodeAction> HandleAsync(CodeAction request, RequestContext context, CancellationToken cancellationToken)
    {
        if (request.Data is not { } data || context.Document is not { } snapshot || context.RoslynDocument is not { } document)
        {
            return request;
        }

        var (start, length) = ProtocolConversions.GetSpan(snapshot, data.Range, context.PositionEncoding);
        var span = new TextSpan(start, length);
        CodeSuggestion? suggestion = null;
        string? rejection = null;
        switch (data.Action)
        {
            case "roslynFix" or "modelFix":
                var diagnostic = await FixService.FindAsync(document, data.DiagnosticId ?? "", span, cancellationToken).ConfigureAwait(false);
                if (diagnostic is null)
                {
                    rejection = $"{data.DiagnosticId} is no longer reported there";
                }
                else if (data.Action == "roslynFix")
                {
                    suggestion = await FixService.ResolveRoslynFixAsync(document, diagnostic, data.Title ?? "", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    (suggestion, rejection) = await assist.FixFor(document).ModelFixAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                }

                break;
            case "roslynRefactor":
                suggestion = await RoslynRefactorings.ResolveAsync(document, span, data.Title ?? "", cancellationToken).ConfigureAwait(false);
                break;
            case "modelRefactor":
                var report = await assist.RefactorFor(document).SuggestAsync(
                        document, span, context.Options.Refactor.AllowSignatureChanges, request: null, includeRoslyn: false, cancellationToken)
                    .ConfigureAwait(false);
                suggestion = report.Suggestions.FirstOrDefault();
                rejection = report.Notice;
                break;
            default:
                throw new InvalidParamsException($"Unknown code action '{data.Action}'.");
        }

        if (suggestion is null)
        {
            await context.Client.ShowMessageAsync(MessageType.Info, $"CodeAssist: no verified edit ({rejection ?? "the action no longer applies"}).").ConfigureAwait(false);
            return request;
        }

        return request with { Title = suggestion.Title, Edit = WorkspaceEdits.From(suggestion.Edits, context.PositionEncoding) };
    }
}
