namespace CodeAssist.Context;

/// <summary>Where a context item comes from: a file and a 0-based line/UTF-16 character range.</summary>
public sealed record SourceLocation(string FilePath, int StartLine, int StartCharacter, int EndLine, int EndCharacter);
