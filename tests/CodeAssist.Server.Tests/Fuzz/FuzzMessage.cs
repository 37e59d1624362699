namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>
/// One generated JSON-RPC object, each member as raw JSON text (null: the member is left out). The id is chosen
/// when the frame is written (<see cref="FuzzIdKind"/>), so that every request id of a run is unique or reused on purpose.
/// </summary>
internal sealed record FuzzMessage(string? JsonRpc, FuzzIdKind IdKind, string? OddId, string? Method, string? Params, string? Result, string? Error);
