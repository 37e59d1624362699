namespace CodeAssist.Context;

/// <summary>A file that changed on disk, as reported by the client's file watcher.</summary>
public sealed record WatchedFileChange(string FilePath, WatchedFileChangeKind Kind);
