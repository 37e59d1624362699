namespace CodeAssist.Server.Handlers.InlineCompletion;

/// <summary>The <c>data</c> of an inline completion item: clients mark an unverified item differently.</summary>
/// <param name="Verification">verified, repaired, unverified or fromCompiler.</param>
/// <param name="Source">model, cache, typingThrough or roslyn.</param>
public sealed record InlineCompletionItemData(string Verification, string Source);
