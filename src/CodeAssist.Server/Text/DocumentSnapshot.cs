namespace CodeAssist.Server.Text;

/// <summary>An immutable version of an open document, as the editor sent it.</summary>
public sealed class DocumentSnapshot
{
    private LineIndex? _lines;

    public DocumentSnapshot(string uri, string languageId, int version, string text)
    {
        Uri = uri;
        LanguageId = languageId;
        Version = version;
        Text = text;
        FilePath = ProtocolConversions.ToFilePath(uri);
    }

    public string Uri { get; }

    /// <summary>The local path of a file: URI; null for other schemes (untitled:, ...).</summary>
    public string? FilePath { get; }

    public string LanguageId { get; }

    public int Version { get; }

    public string Text { get; }

    // Computed at most a few times under a race; each result is identical, so no lock.
    public LineIndex Lines => _lines ??= new LineIndex(Text);

    public DocumentSnapshot WithText(int version, string text) => new(Uri, LanguageId, version, text);
}
