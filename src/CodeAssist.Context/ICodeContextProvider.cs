using Microsoft.CodeAnalysis;

namespace CodeAssist.Context;

/// <summary>Gathers the context a model needs at a position of a document snapshot.</summary>
public interface ICodeContextProvider
{
    Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, CancellationToken cancellationToken);

    /// <summary>
    /// The context with the budget counted by <paramref name="tokenCounter"/> (the model's tokenizer when there is a
    /// model), so that the caller can trust <see cref="CodeContext.TokenCount"/> without counting again.
    /// </summary>
    Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken) =>
        GetContextAsync(document, position, budgetTokens, cancellationToken);

    /// <summary>
    /// Builds ahead what the first request in <paramref name="document"/>'s project would otherwise wait for (the
    /// compilation, per-project indexes), so that the first suggestion after opening a file is not the slow one.
    /// </summary>
    Task WarmUpAsync(Document document, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The declarations <paramref name="document"/>'s project uses most across its files, independent of any caret:
    /// the same text for every request in the project (until it gains or loses files), so a model with a prompt cache
    /// evaluates it once. Empty when the provider has none.
    /// </summary>
    Task<CodeContext> GetProjectDigestAsync(Document document, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken) =>
        Task.FromResult(new CodeContext([], "", 0, budgetTokens));
}
