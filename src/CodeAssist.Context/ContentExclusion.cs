using MAB.DotIgnore;

namespace CodeAssist.Context;

/// <summary>
/// The files whose text must never reach a model (like Copilot's content exclusion): built-in secrets patterns,
/// the user's <c>exclude</c> globs and the workspace's <c>.codeassistignore</c>, all in gitignore syntax. Immutable;
/// a change of settings or of the ignore file builds a new one.
/// </summary>
public sealed class ContentExclusion
{
    public const string IgnoreFileName = ".codeassistignore";

    /// <summary>Part of every exclusion notice, so that a notice can be told from other statuses.</summary>
    public const string NoticeMarker = "so its text is never sent to a model";

    private readonly string? _root;
    private readonly IReadOnlyList<(IgnoreList Rules, string Reason)> _lists;

    private ContentExclusion(string? root, IReadOnlyList<(IgnoreList Rules, string Reason)> lists)
    {
        _root = root;
        _lists = lists;
    }

    /// <summary>Secrets that no prompt needs; users add to these, they cannot remove them.</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
        [".env", ".env.*", "*.pem", "*.key", "*.pfx", "*.p12", "secrets.json", "**/usersecrets/**"];

    /// <summary>Only the built-in patterns (no workspace, no user globs).</summary>
    public static ContentExclusion Defaults { get; } = Create(null, []);

    /// <summary>
    /// The exclusion for a workspace: <paramref name="workspaceRoot"/>'s <c>.codeassistignore</c> (read now; a
    /// file that cannot be read excludes nothing more) and the user's globs, relative to the root.
    /// </summary>
    public static ContentExclusion Create(string? workspaceRoot, IReadOnlyList<string> userPatterns)
    {
        ArgumentNullException.ThrowIfNull(userPatterns);
        var root = string.IsNullOrEmpty(workspaceRoot) ? null : Path.GetFullPath(workspaceRoot);
        var lists = new List<(IgnoreList, string)>
        {
            (new IgnoreList(DefaultPatterns, MatchFlags.CASEFOLD), "matches a built-in secrets pattern"),
        };
        var user = userPatterns.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (user.Count > 0)
        {
            lists.Add((new IgnoreList(user), "matches the `exclude` setting"));
        }

        if (root is not null && ReadIgnoreFile(Path.Combine(root, IgnoreFileName)) is { Count: > 0 } workspace)
        {
            lists.Add((new IgnoreList(workspace), $"is listed in {IgnoreFileName}"));
        }

        return new ContentExclusion(root, lists);
    }

    /// <summary>Why <paramref name="filePath"/> is excluded ("matches the `exclude` setting"), or null when it is not.</summary>
    public string? ReasonFor(string? filePath)
    {
        if (string.IsNullOrEmpty(filePath))
        {
            return null;
        }

        var relative = RelativePath(filePath);
        if (relative.Length == 0)
        {
            return null;
        }

        // gitignore semantics: a file inside an excluded folder is excluded, whatever later rules say about it.
        var segments = relative.Split('/');
        foreach (var (rules, reason) in _lists)
        {
            for (var i = 1; i <= segments.Length; i++)
            {
                if (rules.IsIgnored(string.Join('/', segments[..i]), pathIsDirectory: i < segments.Length))
                {
                    return reason;
                }
            }
        }

        return null;
    }

    public bool IsExcluded(string? filePath) => ReasonFor(filePath) is not null;

    /// <summary>The sentence that a feature shows instead of a model's answer for an excluded file.</summary>
    public string? NoticeFor(string? filePath) =>
        ReasonFor(filePath) is { } reason
            ? $"{Path.GetFileName(filePath)} {reason}, {NoticeMarker}, and this answer comes from Roslyn alone."
            : null;

    // Inside the workspace, patterns are relative to its root (as in git); outside it (user secrets in the home
    // folder, a file opened alone) the whole path is matched, so "**/x" and bare file-name patterns still apply.
    private string RelativePath(string filePath)
    {
        string full;
        try
        {
            full = Path.GetFullPath(filePath);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "";
        }

        if (_root is not null)
        {
            var relative = Path.GetRelativePath(_root, full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return full[Path.GetPathRoot(full)!.Length..].Replace('\\', '/');
    }

    private static List<string>? ReadIgnoreFile(string path)
    {
        try
        {
            return File.Exists(path) ? [.. File.ReadAllLines(path)] : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
