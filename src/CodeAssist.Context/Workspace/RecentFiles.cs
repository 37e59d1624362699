namespace CodeAssist.Context.Workspace;

/// <summary>
/// The files opened or edited most recently, newest first (the lexical source reads them for context).
/// </summary>
/// <remarks>Threading: <see cref="Touch"/> runs under the session's lock; <see cref="Snapshot"/> is read without one.</remarks>
internal sealed class RecentFiles
{
    private const int MaxRecentFiles = 20;

    private readonly List<string> _recent = [];
    private volatile IReadOnlyList<string> _snapshot = [];

    public IReadOnlyList<string> Snapshot => _snapshot;

    public void Touch(string path)
    {
        _recent.Remove(path);
        _recent.Insert(0, path);
        if (_recent.Count > MaxRecentFiles)
        {
            _recent.RemoveAt(_recent.Count - 1);
        }

        _snapshot = [.. _recent];
    }
}
