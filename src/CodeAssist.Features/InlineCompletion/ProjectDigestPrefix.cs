using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CodeAssist.Context;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>The project digest as a prompt's first snippet; <see cref="Key"/> names its prefill.</summary>
internal sealed record DigestSnippet(ContextSnippet Snippet, int Tokens, string Key);

/// <summary>
/// The declarations a project uses most (<see cref="ICodeContextProvider.GetProjectDigestAsync"/>) as the first snippet
/// of every completion prompt in the project, for models with a prompt cache. The digest is the same text everywhere
/// in the project, so the model evaluates it once (prefilled in the background when the project loads) and every
/// later prompt starts with it at no cost: context that is there even at a jump to code never visited, when the
/// member's own head has had no time to be prefilled. A model without a cache would pay for it on every request,
/// so it only gets it once the prefill has completed.
/// </summary>
internal sealed class ProjectDigestPrefix(ICodeContextProvider? provider, Func<ContentExclusion> exclusion)
{
    // The snippet's name in the prompt: what the model reads as the file it comes from.
    internal const string SnippetPath = "ProjectDigest.cs";

    // Keyed by the exclusions in force too: a file excluded since must leave the digest at once (the provider rebuilds it).
    private readonly ConcurrentDictionary<(ProjectId Project, int Documents, ContentExclusion Exclusion, string Model, int Budget), Task<DigestSnippet?>> _digests = new();

    /// <summary>The digest for <paramref name="document"/>'s project, or null (no provider, no cache, turned off, nothing used twice).</summary>
    public async Task<DigestSnippet?> GetAsync(ICompletionModel model, Document document, int budgetTokens, CancellationToken cancellationToken)
    {
        if (provider is null || budgetTokens <= 0 || !model.CanPrefill)
        {
            return null;
        }

        var key = Key(model, document, budgetTokens);
        var task = _digests.GetOrAdd(key, _ => BuildAsync(provider, model, document, budgetTokens));
        foreach (var older in _digests.Keys.Where(k => k.Project == key.Project && (k.Documents != key.Documents || k.Exclusion != key.Exclusion)))
        {
            // The project gained or lost files, or the exclusions changed: its earlier digest is not asked for again.
            _digests.TryRemove(older, out _);
        }

        if (task.IsFaulted || task.IsCanceled)
        {
            _digests.TryRemove(new KeyValuePair<(ProjectId, int, ContentExclusion, string, int), Task<DigestSnippet?>>(key, task));
        }

        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The digest if it is built and its prefill has completed (<paramref name="prefilled"/>), so a prompt may start
    /// with it for free. Never waits: a request does not pay for building it (the background prefill does).
    /// </summary>
    public DigestSnippet? Cached(ICompletionModel model, Document document, int budgetTokens, Func<string, bool> prefilled) =>
        provider is not null && budgetTokens > 0 && model.CanPrefill
        && _digests.TryGetValue(Key(model, document, budgetTokens), out var task)
        && task.IsCompletedSuccessfully && task.Result is { } digest && prefilled(digest.Key)
            ? digest
            : null;

    private (ProjectId Project, int Documents, ContentExclusion Exclusion, string Model, int Budget) Key(ICompletionModel model, Document document, int budgetTokens) =>
        (document.Project.Id, document.Project.DocumentIds.Count, exclusion(), model.Info.ModelId, budgetTokens);

    /// <summary>The request that puts the digest into the model's cache: the digest alone, as every prompt starts.</summary>
    public static InfillRequest PrefillRequest(DigestSnippet digest) => new() { Prefix = "", ExtraContext = [digest.Snippet] };

    // Built without the caller's token: the digest is shared by every request in the project.
    private static async Task<DigestSnippet?> BuildAsync(ICodeContextProvider provider, ICompletionModel model, Document document, int budgetTokens)
    {
        var digest = await provider.GetProjectDigestAsync(document, budgetTokens, new ModelTokenCounter(model), CancellationToken.None).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(digest.RenderedText))
        {
            return null;
        }

        var key = "digest:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(model.Info.ModelId + "\0" + digest.RenderedText)));
        return new DigestSnippet(new ContextSnippet(SnippetPath, digest.RenderedText), digest.TokenCount, key);
    }
}
