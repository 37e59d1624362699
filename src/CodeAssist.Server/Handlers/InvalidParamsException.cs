namespace CodeAssist.Server.Handlers;

/// <summary>Params that do not match the method; the client gets InvalidParams (-32602) with this message.</summary>
public sealed class InvalidParamsException(string message, Exception? innerException = null) : Exception(message, innerException);
