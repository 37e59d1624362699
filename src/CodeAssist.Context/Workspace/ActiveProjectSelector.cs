using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Workspace;

/// <summary>
/// A multi-targeted project loads as one Roslyn project per target framework ("Foo(net8.0)"); each file gets one
/// active project so that answers are stable: modern .NET first (newest version), then .NET Core, .NET Standard,
/// and .NET Framework last. Projects loaded from a project file beat the ad-hoc ones.
/// </summary>
internal static partial class ActiveProjectSelector
{
    public static DocumentId? Select(Solution solution, IReadOnlyList<DocumentId> candidates)
    {
        if (candidates.Count <= 1)
        {
            return candidates.Count == 0 ? null : candidates[0];
        }

        return candidates
            .OrderByDescending(id => Rank(solution.GetProject(id.ProjectId)))
            .ThenBy(id => solution.GetProject(id.ProjectId)?.Name, StringComparer.Ordinal)
            .First();
    }

    internal static double Rank(Project? project)
    {
        if (project is null)
        {
            return double.MinValue;
        }

        var adHocPenalty = AdHocProjects.IsAdHoc(project) ? -10_000 : 0;
        var match = TargetFrameworkPattern().Match(project.Name);
        if (!match.Success)
        {
            return adHocPenalty;
        }

        var moniker = match.Groups["tfm"].Value;
        var number = NumberPattern().Match(moniker);
        var version = number.Success ? double.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        double family = moniker switch
        {
            _ when moniker.StartsWith("netstandard", StringComparison.Ordinal) => 100,
            _ when moniker.StartsWith("netcoreapp", StringComparison.Ordinal) => 200,
            _ when moniker.StartsWith("net", StringComparison.Ordinal) && moniker.Contains('.', StringComparison.Ordinal) => 300,
            _ => 0, // net472 and friends: .NET Framework
        };
        return adHocPenalty + family + version;
    }

    [GeneratedRegex(@"\((?<tfm>[a-z]+[0-9.]*)[^)]*\)$")]
    private static partial Regex TargetFrameworkPattern();

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)?")]
    private static partial Regex NumberPattern();
}
