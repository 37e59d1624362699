using CodeAssist.Features.Common;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>Feature edits (UTF-16 offsets of the old text) to LSP workspace edits in the negotiated encoding.</summary>
internal static class WorkspaceEdits
{
    public static WorkspaceEdit From(IReadOnlyList<FileEdit> edits, PositionEncoding encoding)
    {
        var changes = new Dictionary<string, IReadOnlyList<TextEdit>>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            var lines = new LineIndex(edit.OldText);
            changes[ProtocolConversions.ToUri(edit.FilePath)] = edit.Changes
                .Select(c => new TextEdit(
                    new Protocol.Range(
                        ProtocolConversions.GetPosition(edit.OldText, lines, c.Start, encoding),
                        ProtocolConversions.GetPosition(edit.OldText, lines, c.Start + c.Length, encoding)),
                    c.NewText))
                .ToList();
        }

        return new WorkspaceEdit(changes);
    }
}
