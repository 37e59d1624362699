using System.Collections.Concurrent;
using System.Globalization;
using CodeAssist.Features.Configuration;
using CodeAssist.Server.Text;

namespace CodeAssist.Server.Documents;

/// <summary>
/// Open documents over the size limit (setting <c>maxDocumentSizeKb</c>): they stay out of the Roslyn workspace, so
/// no compilation, context, warm-up or model feature ever pays for them, and they get syntax diagnostics only.
/// A 25 MB generated file otherwise costs gigabytes of semantic state.
/// **Invariant**: like the store, only the queue's serial section (didOpen/didChange/didClose) changes it.
/// </summary>
internal sealed class OversizedDocuments
{
    private readonly ConcurrentDictionary<string, byte> _keptOut = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _told = new(StringComparer.Ordinal);

    /// <summary>The limit in UTF-16 characters (one per byte for ASCII text).</summary>
    public static long LimitOf(CodeAssistOptions options) => Math.Max(1, options.MaxDocumentSizeKb) * 1024L;

    /// <summary>Whether the document is currently kept out of the workspace.</summary>
    public bool IsKeptOut(string uri) => _keptOut.ContainsKey(uri);

    /// <summary>
    /// Records whether <paramref name="snapshot"/> is over the limit. Returns the message to show the user when it is
    /// and they have not been told about this document yet (said once per document and session), else null.
    /// </summary>
    public string? Update(DocumentSnapshot snapshot, CodeAssistOptions options)
    {
        var limit = LimitOf(options);
        if (snapshot.Text.Length <= limit)
        {
            _keptOut.TryRemove(snapshot.Uri, out _);
            return null;
        }

        _keptOut[snapshot.Uri] = 0;
        if (!_told.TryAdd(snapshot.Uri, 0))
        {
            return null;
        }

        var name = snapshot.FilePath is { } path ? Path.GetFileName(path) : snapshot.Uri;
        var size = (snapshot.Text.Length / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
        return $"CodeAssist: {name} is {size} MB, over the {options.MaxDocumentSizeKb} KB limit (setting maxDocumentSizeKb). "
            + "It gets syntax diagnostics only: no suggestions, explanations, fixes or semantic diagnostics.";
    }

    /// <summary>Forgets a closed document (whether the user was told stays: once per session).</summary>
    public bool Close(string uri) => _keptOut.TryRemove(uri, out _);
}
