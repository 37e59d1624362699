using Microsoft.CodeAnalysis;

namespace CodeAssist.Cli.Terminal;

/// <summary>Turns a PATH argument into a Roslyn document, with the clear errors the CLI promises.</summary>
internal static class DocumentResolver
{
    public static async Task<(Workspace Workspace, Document Document)> LoadAsync(string path, StatusDisplay status, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            var hint = ProjectWorkspaceLoader.FindProject(fullPath) is null ? " (and it holds no .csproj)" : "";
            throw new CliException(ExitCodes.NotFound, $"'{path}' is a directory{hint}; give a C# file: PATH[:LINE[-LINE]].");
        }

        if (!File.Exists(fullPath))
        {
            throw new CliException(ExitCodes.NotFound, $"No such file: '{path}'.");
        }

        if (!fullPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.BadArguments, $"'{path}' is not a C# file (.cs); CodeAssist works on C# only.");
        }

        var project = ProjectWorkspaceLoader.FindProject(Path.GetDirectoryName(fullPath)!);
        var workspace = await status.RunAsync(
            project is null ? $"Loading {Path.GetFileName(fullPath)} (no project found)..." : $"Loading {Path.GetFileName(project)}...",
            () => Task.Run(() => (Workspace)ProjectWorkspaceLoader.Load(project, [fullPath]), cancellationToken)).ConfigureAwait(false);
        var document = ProjectWorkspaceLoader.FindDocument(workspace.CurrentSolution, fullPath);
        if (document is null)
        {
            // The file sits in bin/obj or a hidden folder of its project: load it alone rather than fail.
            workspace.Dispose();
            workspace = ProjectWorkspaceLoader.Load(null, [fullPath]);
            document = ProjectWorkspaceLoader.FindDocument(workspace.CurrentSolution, fullPath)!;
        }

        return (workspace, document);
    }
}
