using System.Text.Json;
using CodeAssist.Context;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Microsoft.CodeAnalysis.Text;

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
        var items = new List<ContextResultItem>(result.Items.Count);
        foreach (var item in result.Items)
        {
            var location = await ToLocationAsync(item.Location, document.Project.Solution, context.PositionEncoding, cancellationToken).ConfigureAwait(false);
            items.Add(new ContextResultItem(JsonNamingPolicy.CamelCase.ConvertName(item.Kind.ToString()), item.Text, Math.Round(item.Score, 4), location));
        }

        return new ContextResult(items, result.RenderedText, result.TokenCount, result.BudgetTokens);
    }

    /// <summary>Item locations in the negotiated encoding: Roslyn reports UTF-16 characters; UTF-8 reads the lines they are on.</summary>
    private static async Task<Location?> ToLocationAsync(SourceLocation? location, Microsoft.CodeAnalysis.Solution solution, PositionEncoding encoding, CancellationToken cancellationToken)
    {
        if (location is null)
        {
            return null;
        }

        var text = encoding == PositionEncoding.Utf16 ? null : await GetTextAsync(solution, location.FilePath, cancellationToken).ConfigureAwait(false);
        return new Location(
            ProtocolConversions.ToUri(location.FilePath),
            new Protocol.Range(
                ProtocolConversions.FromUtf16(location.StartLine, location.StartCharacter, LineText(text, location.StartLine), encoding),
                ProtocolConversions.FromUtf16(location.EndLine, location.EndCharacter, LineText(text, location.EndLine), encoding)));
    }

    private static async Task<SourceText?> GetTextAsync(Microsoft.CodeAnalysis.Solution solution, string filePath, CancellationToken cancellationToken) =>
        solution.GetDocumentIdsWithFilePath(filePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null) is { } document
            ? await document.GetTextAsync(cancellationToken).ConfigureAwait(false)
            : null;

    private static string? LineText(SourceText? text, int line) =>
        text is not null && line >= 0 && line < text.Lines.Count ? text.Lines[line].ToString() : null;
}
