using System.Text.Json;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>codeAssist/explain params: a document range, and optional progress/partial result tokens.</summary>
public sealed record ExplainParams : ITextDocumentRequest
{
    public required TextDocumentIdentifier TextDocument { get; init; }

    public required Protocol.Range Range { get; init; }

    public JsonElement? WorkDoneToken { get; init; }

    public JsonElement? PartialResultToken { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

/// <summary>
/// codeAssist/explain result (partial results carry <c>{ "markdown": chunk }</c>, to be appended). The result's
/// markdown is the checked answer: names found link to their declaration, unknown ones are flagged.
/// </summary>
/// <param name="Provider">The provider chain link that answered ("team", "local"); null without a chain or from the cache.</param>
public sealed record ExplainResponse(string Markdown, string? ModelId, bool FromCache, string? Notice, string? Provider = null)
{
    /// <summary>The code names of a model's answer, checked against the workspace (empty for the Roslyn summary).</summary>
    public IReadOnlyList<CheckedNameItem> Names { get; init; } = [];

    public int UnresolvedNames { get; init; }
}

/// <summary>A checked name: where it is declared in the workspace (0-based line), or the library that has it, or neither.</summary>
public sealed record CheckedNameItem(string Name, bool Resolved, Location? Location, string? Assembly);

/// <summary>codeAssist/analyzeStackTrace params: the text of an exception and its stack trace.</summary>
public sealed record AnalyzeStackTraceParams
{
    public required string Text { get; init; }

    public JsonElement? WorkDoneToken { get; init; }
}

public sealed record AnalyzeStackTraceResponse(IReadOnlyList<StackTraceExceptionItem> Exceptions, string Markdown, string? ModelId, string? Notice, string? Provider = null)
{
    /// <summary>The code names of the model's analysis, checked against the workspace (its markdown links or flags them).</summary>
    public IReadOnlyList<CheckedNameItem> Names { get; init; } = [];
}

public sealed record StackTraceExceptionItem(string Type, string Message, IReadOnlyList<StackTraceFrameItem> Frames);

/// <summary>A frame: the raw line, whether it is workspace code, the member it is in, and a location (0-based line) when known.</summary>
public sealed record StackTraceFrameItem(string Text, bool InWorkspace, string? Symbol, Location? Location);
