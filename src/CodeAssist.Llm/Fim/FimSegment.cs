namespace CodeAssist.Llm.Fim;

/// <summary>
/// One piece of a FIM prompt: a special-token marker, or text (user code, paths, names). A local provider
/// tokenizes markers as special tokens and text with special tokens off, so code cannot inject markers.
/// </summary>
public sealed record FimSegment(string Text, bool IsMarker)
{
    public static FimSegment Marker(string token) => new(token, IsMarker: true);

    public static FimSegment Plain(string text) => new(text, IsMarker: false);
}
