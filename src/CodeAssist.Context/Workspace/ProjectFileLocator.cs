namespace CodeAssist.Context.Workspace;

/// <summary>Finds the solution or project file that best describes a root folder or file.</summary>
internal static class ProjectFileLocator
{
    private const int MaxDepth = 3;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", ".git", ".vs", ".vscode", ".idea", "node_modules", "packages", "artifacts",
    };

    /// <summary>
    /// A solution beats a project at the same distance. The root itself wins, then the shallowest folder below it,
    /// then the nearest ancestor: a root inside a project folder still gets that project.
    /// </summary>
    public static string? Find(string rootPath)
    {
        var start = File.Exists(rootPath) ? Path.GetDirectoryName(Path.GetFullPath(rootPath))! : Path.GetFullPath(rootPath);
        if (!Directory.Exists(start))
        {
            return null;
        }

        if (File.Exists(rootPath))
        {
            return FindUpwards(start);
        }

        return FindInFolder(start) ?? FindBelow(start) ?? FindUpwards(Path.GetDirectoryName(start));
    }

    /// <summary>Whether a change to <paramref name="path"/> can change the projects (a solution, project, props or targets file).</summary>
    public static bool IsProjectFile(string path) =>
        path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".targets", StringComparison.OrdinalIgnoreCase);

    /// <summary>The nearest .csproj in <paramref name="folder"/> or its parents (no solutions), or null.</summary>
    public static string? FindProjectUpwards(string folder) => FindUpwards(Path.GetFullPath(folder), projectsOnly: true);

    private static string? FindUpwards(string? folder, bool projectsOnly = false)
    {
        for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
        {
            if (FindInFolder(current, projectsOnly: projectsOnly) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FindBelow(string root)
    {
        var level = new List<string> { root };
        for (var depth = 1; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var folder in level)
            {
                next.AddRange(SafeSubfolders(folder));
            }

            next.Sort(StringComparer.Ordinal);
            var solution = next.Select(f => FindInFolder(f, solutionsOnly: true)).FirstOrDefault(f => f is not null);
            if (solution is not null)
            {
                return solution;
            }

            var project = next.Select(f => FindInFolder(f)).FirstOrDefault(f => f is not null);
            if (project is not null)
            {
                return project;
            }

            level = next;
        }

        return null;
    }

    private static IEnumerable<string> SafeSubfolders(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? FindInFolder(string folder, bool solutionsOnly = false, bool projectsOnly = false)
    {
        string[] patterns = solutionsOnly ? ["*.sln", "*.slnx"] : projectsOnly ? ["*.csproj"] : ["*.sln", "*.slnx", "*.csproj"];
        foreach (var pattern in patterns)
        {
            string[] files;
            try
            {
                files = Directory.GetFiles(folder, pattern);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            if (files.Length > 0)
            {
                // Prefer the file named after its folder (Foo/Foo.sln), then the shortest name, for a stable choice.
                var folderName = Path.GetFileName(folder);
                return files
                    .OrderByDescending(f => string.Equals(Path.GetFileNameWithoutExtension(f), folderName, StringComparison.OrdinalIgnoreCase))
                    .ThenBy(f => f.Length)
                    .ThenBy(f => f, StringComparer.Ordinal)
                    .First();
            }
        }

        return null;
    }
}
