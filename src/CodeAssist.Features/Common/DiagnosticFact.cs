namespace CodeAssist.Features.Common;

/// <summary>A compiler or analyzer diagnostic as plain data; <paramref name="Line"/> and <paramref name="Column"/> are 1-based.</summary>
public sealed record DiagnosticFact(string Id, string Severity, string Message, int Line, int Column);
