using CodeAssist.Server.Handlers.Assist;

namespace CodeAssist.Server.Diagnostics;

/// <summary>textDocument/publishDiagnostics params; an empty list clears the document's diagnostics.</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);
