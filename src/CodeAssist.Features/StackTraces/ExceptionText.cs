namespace CodeAssist.Features.StackTraces;

/// <summary>One exception of a trace: its type, message and frames, top frame first.</summary>
public sealed record ExceptionText(string Type, string Message, IReadOnlyList<StackFrameText> Frames);
