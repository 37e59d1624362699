namespace CodeAssist.Features.StackTraces;

public sealed record ResolvedException(string Type, string Message, IReadOnlyList<ResolvedFrame> Frames);
