namespace CodeAssist.Server.Protocol;

/// <param name="Kind">A bit set: 1 create, 2 change, 4 delete; null means all.</param>
public sealed record FileSystemWatcher(string GlobPattern, int? Kind = null);
