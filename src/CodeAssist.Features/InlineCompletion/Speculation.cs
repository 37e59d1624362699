using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>
/// What follows an accepted suggestion: the document with the item applied and the caret after it. The service runs
/// that request in the background as soon as the client reports the acceptance, so the ghost text after Tab comes
/// from a generation that is already running or cached (the user reads the accepted line before typing on).
/// </summary>
internal static class Speculation
{
    public static InlineCompletionRequest? After(IEnumerable<DocumentCompletionState> states, string itemId)
    {
        foreach (var state in states)
        {
            ShownSuggestion? shown;
            Microsoft.CodeAnalysis.Document? document;
            long requests;
            lock (state.Gate)
            {
                shown = state.Shown;
                document = state.LastDocument;
                requests = state.Requests;
            }

            if (shown?.Items.FirstOrDefault(item => item.Id == itemId) is not { } item || document is null
                || !document.TryGetText(out var text) || !text.ContentEquals(shown.Text))
            {
                continue;
            }

            var applied = text.WithChanges(new TextChange(TextSpan.FromBounds(item.ReplaceStart, item.ReplaceEnd), item.InsertText));
            return new InlineCompletionRequest(document.WithText(applied), item.ReplaceStart + item.InsertText.Length) { SpeculatedAfter = requests };
        }

        return null;
    }
}
