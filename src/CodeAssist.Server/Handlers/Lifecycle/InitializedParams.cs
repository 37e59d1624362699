namespace CodeAssist.Server.Handlers.Lifecycle;

/// <summary>initialized carries an empty object.</summary>
public sealed record InitializedParams;
