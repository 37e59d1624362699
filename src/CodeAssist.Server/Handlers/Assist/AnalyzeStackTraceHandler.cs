using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using CodeAssist.Server.Workspace;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// codeAssist/analyzeStackTrace: maps the frames of a .NET exception text to the workspace and explains the likely
/// cause and fix (or lists the resolved frames without a model). Frames get file:line locations for links.
/// </summary>
internal sealed class AnalyzeStackTraceHandler(AssistServices assist, WorkspaceAccess workspace, WorkspaceLoader loader) : RequestHandler<AnalyzeStackTraceParams, AnalyzeStackTraceResponse>
{
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(60);

    private const int MaxTextLength = 1_000_000;

    public override string Method => "codeAssist/analyzeStackTrace";

    public override void ContributeCapabilities(ServerCapabilities capabilities, ClientCapabilities clientCapabilities) =>
        capabilities.Experimental["codeAssistAnalyzeStackTrace"] = true;

    public override async Task<AnalyzeStackTraceResponse> HandleAsync(AnalyzeStackTraceParams request, RequestContext context, CancellationToken cancellationToken)
    {
        if (request.Text.Length > MaxTextLength)
        {
            throw new InvalidParamsException($"text is longer than {MaxTextLength} characters.");
        }

        var progress = await context.Client.BeginProgressAsync("CodeAssist: analyzing stack trace", request.WorkDoneToken, cancellationToken).ConfigureAwait(false);
        await using var endProgress = progress.ConfigureAwait(false);

        // Frames map to (and names are checked against) the loaded projects, so a load in progress is waited for.
        await loader.WaitWhileLoadingAsync(LoadWait, cancellationToken).ConfigureAwait(false);

        // Without a workspace the frames are still parsed; nothing maps to source.
        using var fallback = workspace.Session is null ? new Microsoft.CodeAnalysis.AdhocWorkspace() : null;
        var solution = workspace.Session?.CurrentSolution ?? fallback!.CurrentSolution;
        var report = await assist.StackTraces.AnalyzeAsync(solution, request.Text, null, cancellationToken).ConfigureAwait(false);
        var exceptions = report.Exceptions
            .Select(e => new StackTraceExceptionItem(e.Type, e.Message, e.Frames.Select(f => new StackTraceFrameItem(
                f.Frame.Raw,
                f.InWorkspace,
                f.Symbol,
                f.FilePath is not null && f.Line is { } line && Path.IsPathFullyQualified(f.FilePath)
                    ? ProtocolConversions.ToLineStart(f.FilePath, line)
                    : null)).ToList()))
            .ToList();
        var markdown = report.Check is { } check ? CheckedAnswers.LinkedMarkdown(check) : report.Markdown;
        return new AnalyzeStackTraceResponse(exceptions, markdown, report.ModelId, report.Notice, report.Provider) { Names = CheckedAnswers.Names(report.Check) };
    }
}
