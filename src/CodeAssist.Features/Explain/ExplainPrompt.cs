using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Explain;

/// <summary>
/// The explain request as sent: its messages, the answer's token reservation, and what was left out to fit the
/// model. <see cref="Messages"/> is null when even the code alone does not fit; <see cref="Refusal"/> then says why.
/// </summary>
internal sealed record ExplainPrompt(IReadOnlyList<ChatMessage>? Messages, int AnswerTokens, IReadOnlyList<string> LeftOut, string? Refusal);
