namespace CodeAssist.Server.Text;

/// <summary>The unit of <c>Position.character</c> agreed in initialize. Offsets inside the server are always UTF-16.</summary>
public enum PositionEncoding
{
    Utf16,
    Utf8,
}
