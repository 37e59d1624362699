namespace CodeAssist.Server.Protocol;

public sealed record DidChangeWatchedFilesParams
{
    public required IReadOnlyList<FileEvent> Changes { get; init; }
}
