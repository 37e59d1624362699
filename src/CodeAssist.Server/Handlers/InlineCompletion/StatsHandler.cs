using CodeAssist.Features.InlineCompletion;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>codeAssist/stats: the inline completion counters since the server started.</summary>
internal sealed class StatsHandler(InlineCompletionService service) : RequestHandler<NoParams, InlineCompletionStatistics>
{
    public override string Method => "codeAssist/stats";

    public override Task<InlineCompletionStatistics> HandleAsync(NoParams request, RequestContext context, CancellationToken cancellationToken) =>
        Task.FromResult(service.GetStatistics());
}
