using System.Text.Json;
using CodeAssist.Context;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Handlers.Context;

/// <summary>
/// codeAssist/context: the Roslyn context a prompt would carry at a position, for "show me what the model sees"
/// commands in editors. Answers from the snapshot captured at dequeue; an empty result when the workspace does not
/// have the document (no workspace registered).
/// </summary>
internal sealed class ContextHandler(ICodeContextProvider provider) : RequestHandler<ContextParams, ContextResult>
{
    private const int MaxBudgetTokens = 32_768;

    public override string Method => "codeAssist/context";

    public override async Task<ContextResult> HandleAsync(ContextParams request, RequestContext context, CancellationToken cancellationToken)
    {
        var budget = request.BudgetTokens ?? context.Options.Context.BudgetTokens;
        if (budget is <= 0 or > MaxBudgetTokens)
        {
            throw new InvalidParamsException($"budgetTokens must be between 1 and {MaxBudgetTokens}, not {budget}.");
        }

        if (context.Document is not { } snapshot || context.RoslynDocument is not { } document)
        {
            return new ContextResult([], "", 0, budget);
        }

        var offset = ProtocolConversions.GetOffset(snapshot, request.Position, context.PositionEncoding);
        var result = await provider.GetContextAsync(document, offset, budget, cancellationToken).ConfigureAwait(false);
        var items = result.Items
            .Select(i => new ContextResultItem(JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString()), i.Text, Math.Round(i.Score, 4), ToLocation(i.Location)))
            .ToList();
        return new ContextResult(items, result.RenderedText, result.TokenCount, result.BudgetTokens);
    }

    /// <summary>Item locations are UTF-16 line/character, like the default LSP position encoding.</summary>
    private static Location? ToLocation(SourceLocation? location) => location is null
        ? null
        : new Location(
            ProtocolConversions.ToUri(location.FilePath),
            new Protocol.Range(new Position(location.StartLine, location.StartCharacter), new Position(location.EndLine, location.EndCharacter)));
}
