namespace CodeAssist.Context;

/// <summary>A text edit in UTF-16 offsets of the document before the change.</summary>
public sealed record DocumentTextChange(int Start, int Length, string NewText);
