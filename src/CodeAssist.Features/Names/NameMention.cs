namespace CodeAssist.Features.Names;

/// <summary>Where an answer mentions a name: [Start, Start + Length) of the raw text (a whole code span, backticks included).</summary>
public sealed record NameMention(int Start, int Length, CheckedName Name);
