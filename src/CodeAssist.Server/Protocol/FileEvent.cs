namespace CodeAssist.Server.Protocol;

/// <param name="Type">1 created, 2 changed, 3 deleted.</param>
public sealed record FileEvent(string Uri, int Type);
