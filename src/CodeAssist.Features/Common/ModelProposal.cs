using CodeAssist.Llm;
using Microsoft.Extensions.AI;

namespace CodeAssist.Features.Common;

/// <summary>
/// What asking the model for one verified edit gave: the suggestion, or why there is none. <see cref="Rejection"/>
/// says why the checks refused the model's edit; <see cref="Failure"/> is the error of a model that failed;
/// <see cref="Notice"/> is the sentence shown for either, or for a missing model.
/// </summary>
internal readonly record struct ModelProposal(CodeSuggestion? Suggestion, string? Rejection, string? Failure, string? Notice)
{
    /// <summary>
    /// Asks <paramref name="feature"/>'s chat model through <paramref name="propose"/>. No model and a failing model
    /// are not errors: they become the notice that the Roslyn-only answer carries.
    /// </summary>
    /// <param name="noun">What the feature offers, for the rejection notice ("fix", "refactoring").</param>
    public static async Task<ModelProposal> AskAsync(
        ILanguageModels models,
        string feature,
        string noun,
        Func<IChatClient, Task<(CodeSuggestion? Suggestion, string? Rejection)>> propose,
        CancellationToken cancellationToken)
    {
        var client = models.GetChatClient(feature);
        if (client is null)
        {
            return new ModelProposal(null, null, null, NoModelNotice.For(models.Status));
        }

        try
        {
            var (suggestion, rejection) = await propose(client).ConfigureAwait(false);
            return new ModelProposal(suggestion, rejection, null, rejection is null ? null : $"No model {noun} offered: {rejection}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ModelProposal(null, null, exception.Message, NoModelNotice.For(new ModelStatus(ModelState.Failed, exception.Message)));
        }
    }
}
