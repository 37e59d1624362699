namespace CodeAssist.Features.StackTraces;

/// <summary>
/// One "at ..." line, with the compiler-generated names undone: <paramref name="TypeName"/> is the declaring type
/// (dots, nested types joined with '+'), <paramref name="MethodName"/> the source method, so an async state machine's
/// MoveNext or a lambda maps back to the method the user wrote.
/// </summary>
/// <param name="Line">1-based, when the trace has file information.</param>
public sealed record StackFrameText(string Raw, string TypeName, string MethodName, string? Parameters, string? FilePath, int? Line);
