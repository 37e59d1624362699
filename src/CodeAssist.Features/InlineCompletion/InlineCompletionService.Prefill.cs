using CodeAssist.Context;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Background prefills: the project digest when a project loads, a member's stable head when the caret rests there.</summary>
public sealed partial class InlineCompletionService
{
    /// <summary>
    /// The caret rests at <paramref name="request"/>'s position (the client's cursor notification, an opened file): the
    /// next request will likely be in this member, so its stable prompt head is prefilled into the model's cache now,
    /// in the background. Generations the user has moved away from stop first. Returns the prefill work (callers need not
    /// wait for it).
    /// </summary>
    public Task Prepare(InlineCompletionRequest request)
    {
        if (request.Document.TryGetText(out var text))
        {
            documents.CaretRests(request.DocumentKey, text, request.Position);
        }
        else
        {
            _ = StopGenerationsElsewhereAsync(request);
        }

        var settings = options();
        if (!settings.Completion.Enabled || models?.GetCompletionModel("completion") is not { } model
            || (exclusions?.Current ?? ContentExclusion.Defaults).NoticeFor(request.Document.FilePath) is not null)
        {
            return Task.CompletedTask;
        }

        return SchedulePrefill(documents.Get(request.DocumentKey), model, request.Document, request.Position);
    }

    // A document whose text is not loaded yet (a workspace file the client has not opened): the same stop, once it is.
    private async Task StopGenerationsElsewhereAsync(InlineCompletionRequest request)
    {
        var text = await request.Document.GetTextAsync(CancellationToken.None).ConfigureAwait(false);
        documents.CaretRests(request.DocumentKey, text, request.Position);
    }

    /// <summary>
    /// A project was loaded or first seen: its digest (the declarations it uses most) is prefilled into the model's
    /// cache in the background, so that every later prompt in the project starts with it at no cost.
    /// </summary>
    public Task PrepareProject(Document document)
    {
        var settings = options();
        if (!settings.Completion.Enabled || models?.GetCompletionModel("completion") is not { } model || !model.CanPrefill)
        {
            return Task.CompletedTask;
        }

        return prefill.ScheduleIfIdle(async cancellationToken => await PrefillDigestAsync(model, document, cancellationToken).ConfigureAwait(false) is { } digest ? (digest.Key, digest.Result) : null);
    }

    // The digest's own prefill, when it is not in the model's cache yet; null when there is none or nothing was to do.
    private async Task<(string Key, PrefillResult Result)?> PrefillDigestAsync(ICompletionModel model, Document document, CancellationToken cancellationToken)
    {
        var digest = await digests.GetAsync(model, document, options().Context.ProjectDigestTokens, cancellationToken).ConfigureAwait(false);
        if (digest is null || prefill.IsComplete(digest.Key))
        {
            return null;
        }

        return (digest.Key, await model.PrefillAsync(ProjectDigestPrefix.PrefillRequest(digest), cancellationToken).ConfigureAwait(false));
    }

    private Task SchedulePrefill(DocumentCompletionState state, ICompletionModel model, Document document, int position) =>
        !model.CanPrefill ? Task.CompletedTask : prefill.Schedule(async cancellationToken =>
        {
            // The digest first: the member's head extends it, and a pre-empted digest leaves the head for the next job.
            if (await PrefillDigestAsync(model, document, cancellationToken).ConfigureAwait(false) is { } digest)
            {
                if (!digest.Result.Complete)
                {
                    return digest;
                }

                prefill.Record(digest.Key, digest.Result);
            }

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (position < 0 || position > text.Length || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                return null;
            }

            var builder = promptBuilders.GetValue(model, m => new InlineCompletionPromptBuilder(m));
            var head = await memberContext.GetStableAsync(state, model, builder, document, root, text, position, options(), prefill.IsComplete, cancellationToken).ConfigureAwait(false);
            if (!prefill.IsComplete(head.Key))
            {
                var fileName = document.FilePath is null ? null : Path.GetFileName(document.FilePath);
                var result = await model.PrefillAsync(head.ToPrefillRequest(fileName), cancellationToken).ConfigureAwait(false);
                if (!result.Complete)
                {
                    return (head.Key, result);
                }

                prefill.Record(head.Key, result);
            }

            await PrefillCaretPromptAsync(state, model, builder, head, document, root, text, position, cancellationToken).ConfigureAwait(false);
            return null;
        });

    /// <summary>
    /// The caret rests: the next keystroke's prompt is the one a request here builds now with what it types appended
    /// (the line being typed comes last in the layout), so the whole of it is prefilled on the completed head and that
    /// keystroke evaluates only the typed text, not the member's lines, the suffix and the markers.
    /// </summary>
    private async Task PrefillCaretPromptAsync(
        DocumentCompletionState state, ICompletionModel model, InlineCompletionPromptBuilder builder, PromptHead head, Document document, SyntaxNode root, SourceText text, int position, CancellationToken cancellationToken)
    {
        var settings = options();
        // The shape only sets the generation limit, which the local model's prompt budget leaves room for.
        var decision = CompletionDecider.Decide(root, text, position, model.Info.SupportsFim, allowCommentsAndStrings: true);
        var prompt = builder.Build(text, position, decision, head, document.FilePath, settings.Completion).Request;
        var result = await model.PrefillPromptAsync(prompt, cancellationToken).ConfigureAwait(false);
        if (!result.Supported)
        {
            return;
        }

        counters.Prefilled(result.PrefilledTokens, result.Preempted);
        if (result.Complete)
        {
            counters.PrefilledCaretPrompt();
            state.CaretPrompt = prompt;
        }
    }
}
