using Microsoft.CodeAnalysis.CodeActions;

namespace CodeAssist.Features.Fix;

/// <summary>One of Roslyn's fixes with its tier, as listed (best first).</summary>
internal sealed record RankedFix(string Title, CodeAction Action, FixTier Tier);
