using CodeAssist.Context.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Context.Tests;

/// <summary>
/// Small multi-file C# fixtures with a caret ($0). Files are separated by "//- Name.cs" lines; the first file is the
/// one with the caret unless another holds it.
/// </summary>
internal static class ContextFixture
{
    public static async Task<CodeContext> ContextAtCaretAsync(string fixture, int budget = 2048, IWorkspaceSession? session = null)
    {
        var (document, position) = Load(fixture);
        return await new ContextCollector(session: session).GetContextAsync(document, position, budget, CancellationToken.None);
    }

    public static (Document Document, int Position) Load(string fixture)
    {
        var files = Split(fixture);
        var solution = new AdhocWorkspace().CurrentSolution;
        var projectId = ProjectId.CreateNewId();
        solution = AdHocProjects.AddProject(solution, projectId, "Fixture", files.Select(f => (f.Path, (SourceText?)SourceText.From(f.Text.Replace("$0", "", StringComparison.Ordinal)))));
        var caret = files.Single(f => f.Text.Contains("$0", StringComparison.Ordinal));
        var document = solution.GetDocument(solution.GetDocumentIdsWithFilePath(caret.Path).Single())!;
        return (document, caret.Text.IndexOf("$0", StringComparison.Ordinal));
    }

    /// <summary>Asserts that the context has an item of <paramref name="kind"/> whose text contains each expected piece.</summary>
    public static async Task CheckAsync(string fixture, ContextItemKind kind, params string[] expected)
    {
        var context = await ContextAtCaretAsync(fixture);
        var texts = context.Items.Where(i => i.Kind == kind).Select(i => i.Text).ToList();
        foreach (var piece in expected)
        {
            Assert.True(texts.Any(t => t.Contains(piece, StringComparison.Ordinal)),
                $"No {kind} item contains '{piece}'. {kind} items:\n  {string.Join("\n  ", texts)}\nRendered:\n{context.RenderedText}");
        }
    }

    private static List<(string Path, string Text)> Split(string fixture)
    {
        var root = Path.Combine(Path.GetTempPath(), "fixture");
        var files = new List<(string, string)>();
        var name = "Main.cs";
        var lines = new List<string>();
        foreach (var line in fixture.Split('\n'))
        {
            if (line.StartsWith("//- ", StringComparison.Ordinal))
            {
                if (lines.Count > 0)
                {
                    files.Add((Path.Combine(root, name), string.Join('\n', lines)));
                }

                name = line[4..].Trim();
                lines.Clear();
                continue;
            }

            lines.Add(line);
        }

        files.Add((Path.Combine(root, name), string.Join('\n', lines)));
        return files;
    }
}
