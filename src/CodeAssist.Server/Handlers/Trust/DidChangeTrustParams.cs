namespace CodeAssist.Server.Handlers.Trust;

/// <summary>codeAssist/didChangeTrust: whether the user now trusts the workspace folder.</summary>
public sealed record DidChangeTrustParams(bool Trusted);
