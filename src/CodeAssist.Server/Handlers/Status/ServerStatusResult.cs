using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Handlers.Status;

/// <param name="Workspace">The workspace load state (NotLoaded, Loading, Loaded, LoadedWithErrors, AdHoc) or None.</param>
public sealed record ServerStatusResult(CodeAssistStatusParams Status, string Workspace, int OpenDocuments, DocumentStatus? Document);
