using System.Text.Json;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>textDocument/codeAction params.</summary>
public sealed record CodeActionParams : ITextDocumentRequest
{
    public required TextDocumentIdentifier TextDocument { get; init; }

    public required Protocol.Range Range { get; init; }

    public CodeActionContext? Context { get; init; }

    string ITextDocumentRequest.DocumentUri => TextDocument.Uri;
}

public sealed record CodeActionContext
{
    public IReadOnlyList<LspDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>Kinds the client wants (prefix match), or null for all.</summary>
    public IReadOnlyList<string>? Only { get; init; }
}

/// <summary>An LSP diagnostic as clients send it back in a code action context; code may be a string or a number.</summary>
public sealed record LspDiagnostic
{
    public required Protocol.Range Range { get; init; }

    public JsonElement? Code { get; init; }

    public int? Severity { get; init; }

    public string? Source { get; init; }

    public string Message { get; init; } = "";

    public string? CodeText => Code is { ValueKind: JsonValueKind.String } s ? s.GetString()
        : Code is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : null;
}

/// <summary>An LSP code action; <see cref="Data"/> is what codeAction/resolve needs to compute the edit later.</summary>
public sealed record CodeAction
{
    public required string Title { get; init; }

    public string? Kind { get; init; }

    public IReadOnlyList<LspDiagnostic>? Diagnostics { get; init; }

    public bool? IsPreferred { get; init; }

    public WorkspaceEdit? Edit { get; init; }

    public LspCommand? Command { get; init; }

    public CodeActionData? Data { get; init; }
}

/// <summary>What a listed action needs to be resolved: the kind of action, the document, the range, and which one.</summary>
/// <param name="Action">roslynFix | modelFix | roslynRefactor | modelRefactor.</param>
public sealed record CodeActionData(string Action, string Uri, Protocol.Range Range, string? DiagnosticId = null, string? Title = null);

public sealed record LspCommand(string Title, string Command, IReadOnlyList<object>? Arguments = null);

public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);
