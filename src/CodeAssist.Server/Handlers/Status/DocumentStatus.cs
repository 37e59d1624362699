namespace CodeAssist.Server.Handlers.Status;

/// <param name="Length">In UTF-16 code units.</param>
/// <param name="InWorkspace">Whether the Roslyn workspace has a document for the file.</param>
public sealed record DocumentStatus(string Uri, int Version, int Length, int LineCount, bool InWorkspace, string? Text);
