using CodeAssist.Llm;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>The infill request for one position and the key that identifies it in the caches.</summary>
/// <param name="Key">Hash of model id, context, windows and generation parameters.</param>
internal sealed record InlineCompletionPrompt(InfillRequest Request, string Key);
