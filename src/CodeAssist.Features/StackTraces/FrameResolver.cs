using CodeAssist.Features.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.StackTraces;

/// <summary>
/// Maps frames to workspace symbols and locations. A trace's file path is tried first (exact, then same file name
/// in a document declaring the frame's type, for traces from another machine); without file information the type is
/// looked up by metadata name and the method by name. Anything else (framework code) stays unresolved.
/// </summary>
internal sealed class FrameResolver(Solution solution)
{
    private readonly Dictionary<ProjectId, Compilation?> _compilations = [];

    public async Task<ResolvedFrame> ResolveAsync(StackFrameText frame, CancellationToken cancellationToken)
    {
        if (frame.FilePath is not null && frame.Line is { } line && await DocumentForAsync(frame, cancellationToken).ConfigureAwait(false) is { } document)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is not null && line >= 1 && line <= text.Lines.Count)
            {
                var lineSpan = text.Lines[line - 1].Span;
                var start = lineSpan.Start + (text.Lines[line - 1].ToString().Length - text.Lines[line - 1].ToString().TrimStart().Length);
                var member = MemberLocator.FindSmallestEnclosingMember(root, new TextSpan(Math.Min(start, lineSpan.End), 0));
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var symbol = member is null || model is null ? null : model.GetDeclaredSymbol(member, cancellationToken);
                var name = symbol is not null ? SymbolFormats.Format(symbol)
                    : frame.MethodName == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName ? "top-level statements" : null;
                return new ResolvedFrame(frame, true, name, document.FilePath, line);
            }
        }

        var method = await FindMethodAsync(frame, cancellationToken).ConfigureAwait(false);
        var location = method?.Locations.FirstOrDefault(l => l.IsInSource);
        if (method is not null && location is not null)
        {
            var span = location.GetLineSpan();
            return new ResolvedFrame(frame, true, SymbolFormats.Format(method), span.Path, span.StartLinePosition.Line + 1);
        }

        return new ResolvedFrame(frame, false, null, frame.FilePath, frame.Line);
    }

    private async Task<Document?> DocumentForAsync(StackFrameText frame, CancellationToken cancellationToken)
    {
        var exact = solution.GetDocumentIdsWithFilePath(frame.FilePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null);
        if (exact is not null)
        {
            return exact;
        }

        var fileName = Path.GetFileName(frame.FilePath!.Replace('\\', '/'));
        var simpleType = frame.TypeName.Split('.', '+')[^1];
        foreach (var document in solution.Projects.SelectMany(p => p.Documents).Where(d => string.Equals(d.Name, fileName, StringComparison.OrdinalIgnoreCase)))
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is not null && root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>().Any(t => t.Identifier.ValueText == simpleType))
            {
                return document;
            }
        }

        return null;
    }

    private async Task<ISymbol?> FindMethodAsync(StackFrameText frame, CancellationToken cancellationToken)
    {
        if (frame.TypeName.Length == 0)
        {
            return null;
        }

        foreach (var project in solution.Projects)
        {
            var compilation = await CompilationAsync(project, cancellationToken).ConfigureAwait(false);
            var type = compilation?.GetTypeByMetadataName(frame.TypeName);
            if (type is null || !type.Locations.Any(l => l.IsInSource))
            {
                continue;
            }

            var name = frame.MethodName switch
            {
                ".ctor" => WellKnownMemberNames.InstanceConstructorName,
                ".cctor" => WellKnownMemberNames.StaticConstructorName,
                var other => other,
            };
            var members = type.GetMembers(name);
            if (members.IsEmpty && (name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal)))
            {
                members = type.GetMembers(name[4..]);
            }

            // A compiler-generated method (e.g. the synthesized async entry point "<Main>") has no source of its own.
            return members.FirstOrDefault() ?? (name.StartsWith('<') ? null : type);
        }

        return null;
    }

    private async Task<Compilation?> CompilationAsync(Project project, CancellationToken cancellationToken)
    {
        if (!_compilations.TryGetValue(project.Id, out var compilation))
        {
            compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            _compilations[project.Id] = compilation;
        }

        return compilation;
    }
}
