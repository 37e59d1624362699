using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using CodeAssist.Server.Workspace;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// codeAssist/explain: explains a range of a document. Markdown streams through $/progress on the request's
/// partialResultToken (chunks to append) and the full, checked text is the result (clients replace the streamed
/// text with it); without a model, the Roslyn summary.
/// </summary>
internal sealed class ExplainHandler(AssistServices assist, WorkspaceAccess workspace, WorkspaceLoader loader) : RequestHandler<ExplainParams, ExplainResponse?>
{
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(60);

    public override string Method => "codeAssist/explain";

    public override void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities) =>
        capabilities.Experimental["codeAssistExplain"] = true;

    public override async Task<ExplainResponse?> HandleAsync(ExplainParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (context.Document is not { } snapshot || context.RoslynDocument is not { } document)
        {
            return null;
        }

        var (start, length) = ProtocolConversions.GetSpan(snapshot, request.Range, context.PositionEncoding);
        var progress = await context.Client.BeginProgressAsync("CodeAssist: explaining", request.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        await using var endProgress = progress.ConfigureAwait(false);
        if (loader.Loading is { IsCompleted: false } && snapshot.FilePath is { } path && workspace.Session is { } session)
        {
            await progress.ReportAsync("waiting for the projects to load").ConfigureAwait(false);
            await loader.WaitWhileLoadingAsync(LoadWait, cancellationToken).ConfigureAwait(false);
            document = session.GetDocument(path) ?? document;
        }

        var sink = new PartialResultSink(context.Client, request.PartialResultToken, progress);
        var result = await assist.ExplainFor(document).ExplainAsync(document, new TextSpan(start, length), sink, cancellationToken).ConfigureAwait(false);
        await sink.FlushAsync().ConfigureAwait(false);
        var markdown = result.Check is { } check ? CheckedAnswers.LinkedMarkdown(check) : result.Markdown;
        return new ExplainResponse(markdown, result.ModelId, result.FromCache, result.Notice, result.Provider)
        {
            Names = CheckedAnswers.Names(result.Check),
            UnresolvedNames = result.Check?.UnresolvedCount ?? 0,
        };
    }
}
