using System.Text.RegularExpressions;
using Xunit;

namespace CodeAssist.Server.Tests.Tidy;

/// <summary>
/// Keeps docs/lsp-extensions.md true: every custom <c>codeAssist/*</c> method the server names has a section there,
/// and every documented method still exists in the server.
/// </summary>
public sealed partial class LspExtensionsDocumentationTests
{
    [Fact]
    public void EveryCustomMethodInTheServer_HasASectionInLspExtensions()
    {
        var (inCode, documented) = ReadMethods();

        Assert.NotEmpty(inCode);
        var missing = inCode.Except(documented).Order().ToList();
        Assert.True(missing.Count == 0, "Not documented in docs/lsp-extensions.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryDocumentedMethod_ExistsInTheServer()
    {
        var (inCode, documented) = ReadMethods();

        var stale = documented.Except(inCode).Order().ToList();
        Assert.True(stale.Count == 0, "Documented but not in src/CodeAssist.Server: " + string.Join(", ", stale));
    }

    private static (HashSet<string> InCode, HashSet<string> Documented) ReadMethods()
    {
        var root = FindRepositoryRoot();
        var inCode = Directory
            .EnumerateFiles(Path.Combine(root, "src", "CodeAssist.Server"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => MethodLiteral().Matches(File.ReadAllText(path)).Select(match => match.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedMethod()
            .Matches(File.ReadAllText(Path.Combine(root, "docs", "lsp-extensions.md")))
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        return (inCode, documented);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeAssist.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CodeAssist.sln not found above the test binaries.");
    }

    [GeneratedRegex("\"(codeAssist/[A-Za-z]+)\"")]
    private static partial Regex MethodLiteral();

    [GeneratedRegex("^## `(codeAssist/[A-Za-z]+)`", RegexOptions.Multiline)]
    private static partial Regex DocumentedMethod();
}
