namespace CodeAssist.Context;

public enum WatchedFileChangeKind
{
    Created,
    Changed,
    Deleted,
}
