using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>The last suggestions produced for a document, with the snapshot and caret they were made for.</summary>
internal sealed record ShownSuggestion(SourceText Text, int Position, IReadOnlyList<InlineCompletionItem> Items);
