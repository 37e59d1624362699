using System.Text.Json;
using System.Text.RegularExpressions;
using CodeAssist.Context;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Bench.Context;

/// <summary>
/// Mines cross-file completion points the way shared/bench/context was mined: a use of a type, method, property or
/// field declared in ANOTHER source file of the repository whose name appears nowhere else in the current file
/// (so one point per file and name). Test, generated and obj/ files are skipped on both sides.
/// </summary>
internal static class PointMiner
{
    public static async Task<int> MineAsync(string repoRoot, string project, string output, int maxPoints, string? repoName, string? commit)
    {
        repoRoot = Path.GetFullPath(repoRoot);
        var options = new WorkspaceSessionOptions
        {
            GlobalProperties = new Dictionary<string, string> { ["TargetFramework"] = "net8.0", ["WarningsNotAsErrors"] = "NU1603" },
        };
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance, options);
        await session.LoadAsync(Path.Combine(repoRoot, project), progress: null, CancellationToken.None);
        var points = new List<MinedPoint>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in session.CurrentSolution.Projects.SelectMany(p => p.Documents))
        {
            if (document.FilePath is not { } path || !IsMinable(repoRoot, path) || !seenFiles.Add(path))
            {
                continue;
            }

            points.AddRange(await MineDocumentAsync(document, repoRoot, path));
        }

        // A deterministic sample when there are too many: a stable hash of file and token, then file order.
        var sample = points.OrderBy(p => StableHash(p.File + "|" + p.Token)).Take(maxPoints)
            .OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Offset).ToList();
        await using var writer = new StreamWriter(output);
        foreach (var point in sample)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(point with { Repo = repoName ?? "", Commit = commit ?? "", Project = project }));
        }

        Console.WriteLine($"mined {points.Count} points in {seenFiles.Count} files, wrote {sample.Count} to {output}: "
            + string.Join(", ", sample.GroupBy(p => p.SymbolKind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));
        return 0;
    }

    private static async Task<List<MinedPoint>> MineDocumentAsync(Document document, string repoRoot, string path)
    {
        var result = new List<MinedPoint>();
        var text = await document.GetTextAsync();
        var root = await document.GetSyntaxRootAsync();
        var model = await document.GetSemanticModelAsync();
        if (root is null || model is null)
        {
            return result;
        }

        var fullText = text.ToString();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var token = name.Identifier;
            // "var" binds to the inferred type, which is not what a completion would have to produce there.
            if (token.Text.StartsWith('@') || name.IsVar || name.Ancestors().Any(a => a is UsingDirectiveSyntax))
            {
                continue;
            }

            var symbol = Resolve(model.GetSymbolInfo(name));
            if (symbol is null || !names.Add(token.ValueText) || Kind(symbol) is not { } kind)
            {
                continue;
            }

            var declaration = symbol.Locations.Where(l => l.IsInSource).ToList();
            if (declaration.Count == 0 || declaration.Any(l => l.SourceTree?.FilePath == path)
                || declaration[0].SourceTree?.FilePath is not { } declFile || !IsMinable(repoRoot, declFile)
                || Regex.Matches(fullText, $@"\b{Regex.Escape(token.ValueText)}\b").Count != 1)
            {
                continue;
            }

            var position = text.Lines.GetLinePosition(token.SpanStart);
            var line = text.Lines[position.Line];
            var hole = text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(token.SpanStart, line.End)).TrimEnd();
            result.Add(new MinedPoint("", "", "", Relative(repoRoot, path), position.Line, position.Character, token.SpanStart, token.ValueText, hole,
                symbol.ToDisplayString(), kind, Relative(repoRoot, declFile), declaration[0].GetLineSpan().StartLinePosition.Line));
        }

        return result;
    }

    private static ISymbol? Resolve(SymbolInfo info)
    {
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
        return symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced.OriginalDefinition : symbol?.OriginalDefinition;
    }

    private static string? Kind(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol => "NamedType",
        IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ReducedExtension } => "Method",
        IPropertySymbol => "Property",
        IFieldSymbol => "Field",
        _ => null,
    };

    private static bool IsMinable(string repoRoot, string path) =>
        path.StartsWith(repoRoot, StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal)
        && !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("test", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".g.cs", StringComparison.Ordinal) && !path.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase);

    private static string Relative(string repoRoot, string path) => Path.GetRelativePath(repoRoot, path).Replace('\\', '/');

    private static uint StableHash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
