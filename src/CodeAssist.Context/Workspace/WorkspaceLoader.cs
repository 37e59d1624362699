using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// Loads a solution or project with MSBuildWorkspace. Roslyn 5.x runs the design-time build in its own BuildHost
/// process (shipped next to our assemblies), so no MSBuildLocator is needed and no MSBuild assembly is loaded here.
/// </summary>
internal sealed class WorkspaceLoader(ILogger logger, WorkspaceSessionOptions options)
{
    public sealed record Result(MSBuildWorkspace Workspace, Solution Solution, IReadOnlyList<string> Problems, TimeSpan Elapsed);

    public async Task<Result> LoadAsync(string projectOrSolution, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var properties = options.GlobalProperties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var workspace = MSBuildWorkspace.Create(properties);
        var problems = new List<string>();
        using var registration = workspace.RegisterWorkspaceFailedHandler(e =>
        {
            lock (problems)
            {
                problems.Add(e.Diagnostic.Message);
            }
        });

        try
        {
            WorkspaceSessionLog.Loading(logger, projectOrSolution);
            progress?.Report($"Loading {Path.GetFileName(projectOrSolution)}");
            var reporter = new Progress<ProjectLoadProgress>(p =>
                progress?.Report($"{p.Operation} {Path.GetFileName(p.FilePath)}{(p.TargetFramework is null ? "" : $" ({p.TargetFramework})")}"));
            Solution solution;
            if (projectOrSolution.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                var project = await workspace.OpenProjectAsync(projectOrSolution, reporter, cancellationToken);
                solution = project.Solution;
            }
            else
            {
                solution = await workspace.OpenSolutionAsync(projectOrSolution, reporter, cancellationToken);
            }

            List<string> snapshot;
            lock (problems)
            {
                // A multi-targeted project's outer build has no Compile target; its per-framework builds loaded fine.
                snapshot = [.. problems.Distinct(StringComparer.Ordinal)
                    .Where(p => !(p.Contains("does not contain 'Compile' target", StringComparison.Ordinal) && solution.Projects.Any()))];
            }

            return new Result(workspace, solution, snapshot, stopwatch.Elapsed);
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>Logs and reports the summary of a load and, once, its first problems.</summary>
    public static void Report(Result result, ILogger logger, IProgress<string>? progress)
    {
        var projects = result.Solution.Projects.Count();
        var documents = result.Solution.Projects.Sum(p => p.DocumentIds.Count);
        var summary = $"Loaded {projects} project(s), {documents} documents in {result.Elapsed.TotalSeconds:0.0} s.";
        WorkspaceSessionLog.Loaded(logger, summary);
        if (result.Problems.Count > 0)
        {
            // Once, clearly, with the first few problems: a missing restore shows up as dozens of identical lines.
            var first = string.Join("\n  ", result.Problems.Take(5));
            var problems = $"The workspace loaded with {result.Problems.Count} problem(s) (context may be incomplete; run `dotnet restore`?):\n  {first}";
            WorkspaceSessionLog.LoadProblems(logger, problems);
            progress?.Report(problems);
        }

        progress?.Report(summary);
    }
}
