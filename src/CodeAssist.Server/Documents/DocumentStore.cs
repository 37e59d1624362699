using System.Collections.Concurrent;
using CodeAssist.Context;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Documents;

/// <summary>
/// The documents the editor has open, by URI.
/// **Invariant**: only the request queue's serial section mutates it (didOpen/didChange/didClose run one at a time);
/// readers take immutable <see cref="DocumentSnapshot"/>s, so reads never lock.
/// </summary>
public sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, DocumentSnapshot> _documents = new(StringComparer.Ordinal);

    public int Count => _documents.Count;

    public DocumentSnapshot? TryGet(string uri) => _documents.TryGetValue(uri, out var snapshot) ? snapshot : null;

    public IReadOnlyCollection<DocumentSnapshot> All => [.. _documents.Values];

    /// <summary>Opens (or re-opens, replacing) a document.</summary>
    public DocumentSnapshot Open(TextDocumentItem item)
    {
        var snapshot = new DocumentSnapshot(item.Uri, item.LanguageId, item.Version, item.Text ?? "");
        _documents[item.Uri] = snapshot;
        return snapshot;
    }

    /// <summary>
    /// Applies the changes in order (each range refers to the text after the previous change, as LSP specifies).
    /// Ranges outside the document are clamped. Returns the edits as UTF-16 offsets, one per change, each relative to
    /// the text left by the previous one, or a reason the change was ignored.
    /// </summary>
    public DocumentChangeResult Change(
        string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes, PositionEncoding encoding)
    {
        if (!_documents.TryGetValue(uri, out var current))
        {
            return DocumentChangeResult.Ignored($"didChange for {uri}, which is not open");
        }

        if (version < current.Version)
        {
            return DocumentChangeResult.Ignored(
                $"didChange for {uri} with version {version}, older than the open version {current.Version}");
        }

        var text = current.Text;
        var lines = current.Lines;
        var edits = new List<DocumentTextChange>(changes.Count);
        foreach (var change in changes)
        {
            var newText = change.Text ?? "";
            DocumentTextChange edit;
            if (change.Range is null)
            {
                edit = new DocumentTextChange(0, text.Length, newText);
            }
            else
            {
                var (start, length) = ProtocolConversions.GetSpan(text, lines, change.Range, encoding);
                edit = new DocumentTextChange(start, length, newText);
            }

            text = string.Concat(text.AsSpan(0, edit.Start), edit.NewText, text.AsSpan(edit.Start + edit.Length));
            lines = new LineIndex(text);
            edits.Add(edit);
        }

        var snapshot = current.WithText(version, text);
        _documents[uri] = snapshot;
        return DocumentChangeResult.Applied(snapshot, edits);
    }

    public bool Close(string uri) => _documents.TryRemove(uri, out _);
}
