namespace CodeAssist.Context;

public enum WorkspaceLoadState
{
    NotLoaded,
    Loading,
    Loaded,
    LoadedWithErrors,
    AdHoc,
}
