namespace CodeAssist.Context;

/// <summary>
/// The current <see cref="ContentExclusion"/> of a long-lived process (the server): replaced as a whole when the
/// workspace root, the settings or the ignore file change, read without locks by every request.
/// </summary>
public sealed class ContentExclusions
{
    private ContentExclusion _current = ContentExclusion.Defaults;

    public ContentExclusion Current => Volatile.Read(ref _current);

    public void Update(ContentExclusion exclusion)
    {
        ArgumentNullException.ThrowIfNull(exclusion);
        Volatile.Write(ref _current, exclusion);
    }
}
