using CodeAssist.Context.Workspace;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>
/// A Roslyn document for an open file the workspace does not have (no workspace registered, or still loading):
/// the file alone against the running framework, so completion and verification still work on what it can see.
/// </summary>
internal sealed class LooseDocuments
{
    private readonly Lazy<Project> _project = new(AdHocWorkspaces.CreateLooseFilesProject);

    public Document Create(string filePath, string text) =>
        _project.Value.AddDocument(Path.GetFileName(filePath), SourceText.From(text), filePath: filePath);
}
