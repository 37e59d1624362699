using CodeAssist.Context;
using CodeAssist.Context.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Cli.Terminal;

/// <summary>Turns a PATH argument into a Roslyn document, with the clear errors the CLI promises.</summary>
internal static class DocumentResolver
{
    /// <param name="useMsBuild">
    /// Load through the context layer's <see cref="WorkspaceSession"/> (MSBuild design-time build: exact references and
    /// packages, several seconds) instead of the fast offline loader the CLI uses by default.
    /// </param>
    public static async Task<(IDisposable Owner, Document Document)> LoadAsync(string path, bool useMsBuild, StatusDisplay status, CancellationToken cancellationToken)
    {
        var fullPath = CheckFile(path);
        if (useMsBuild)
        {
            var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance);
            await status.RunAsync("Loading the workspace with MSBuild...", async () =>
            {
                await session.LoadAsync(fullPath, null, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            return session.GetDocument(fullPath) is { } loaded
                ? (session, loaded)
                : throw new CliException(ExitCodes.NotFound, $"'{path}' is not part of the loaded workspace.");
        }

        // The fast offline load: the .cs files under the nearest .csproj, no MSBuild (so no package references).
        var project = AdHocWorkspaces.FindProjectFile(Path.GetDirectoryName(fullPath)!);
        var workspace = await status.RunAsync(
            project is null ? $"Loading {Path.GetFileName(fullPath)} (no project found)..." : $"Loading {Path.GetFileName(project)}...",
            () => Task.Run(() => (Workspace)AdHocWorkspaces.Load(project is null ? [] : [project], project is null ? LooseFiles(fullPath) : []), cancellationToken))
            .ConfigureAwait(false);
        var document = AdHocWorkspaces.FindDocument(workspace.CurrentSolution, fullPath);
        if (document is null)
        {
            // The file sits in bin/obj or a hidden folder of its project: load it alone rather than fail.
            workspace.Dispose();
            workspace = AdHocWorkspaces.Load([], [fullPath]);
            document = AdHocWorkspaces.FindDocument(workspace.CurrentSolution, fullPath)!;
        }

        return (workspace, document);
    }

    /// <summary>A file outside every project, with the .cs files beside it: they are what its names most likely refer to.</summary>
    private static List<string> LooseFiles(string fullPath) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(fullPath)!, "*.cs")
            .Take(AdHocWorkspaces.MaxFilesPerProject)
            .Append(fullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string CheckFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException(ExitCodes.BadArguments, "give a C# file: PATH[:LINE[-LINE]].");
        }

        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            var hint = AdHocWorkspaces.FindProjectFile(fullPath) is null ? " without a C# project (.csproj)" : "";
            throw new CliException(ExitCodes.NotFound, $"'{path}' is a directory{hint}; give a C# file: PATH[:LINE[-LINE]].");
        }

        if (!File.Exists(fullPath))
        {
            throw new CliException(ExitCodes.NotFound, $"no such file: '{path}'.");
        }

        if (!fullPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.BadArguments, $"'{path}' is not a C# file (.cs); CodeAssist works on C# only.");
        }

        return fullPath;
    }
}
