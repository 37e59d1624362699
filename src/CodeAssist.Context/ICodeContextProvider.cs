using Microsoft.CodeAnalysis;

namespace CodeAssist.Context;

/// <summary>Gathers the context a model needs at a position of a document snapshot.</summary>
public interface ICodeContextProvider
{
    Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, CancellationToken cancellationToken);
}
