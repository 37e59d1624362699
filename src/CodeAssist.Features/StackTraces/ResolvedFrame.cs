namespace CodeAssist.Features.StackTraces;

/// <summary>A frame mapped to the workspace.</summary>
/// <param name="Symbol">The signature of the member the frame is in, when it is workspace code.</param>
/// <param name="FilePath">The workspace file (the trace's path when it maps, else the symbol's declaration).</param>
/// <param name="Line">1-based line: the trace's line, or the member's declaration line when the trace had none.</param>
public sealed record ResolvedFrame(StackFrameText Frame, bool InWorkspace, string? Symbol, string? FilePath, int? Line);
