namespace CodeAssist.Server.Protocol;

public sealed record Registration(string Id, string Method, object? RegisterOptions = null);
