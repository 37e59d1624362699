namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>One generated frame: how it is framed and the message(s) in it.</summary>
internal sealed record FuzzFrame(FuzzFraming Framing, FuzzMessage[] Messages, string Garbage);
