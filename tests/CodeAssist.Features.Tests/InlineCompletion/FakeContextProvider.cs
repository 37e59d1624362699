using CodeAssist.Context;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>Returns a fixed rendered context and counts calls (the real collector lives in the context helper's code).</summary>
internal sealed class FakeContextProvider : ICodeContextProvider
{
    private readonly string rendered;
    private int calls;

    public FakeContextProvider(string rendered)
    {
        this.rendered = rendered;
    }

    public int Calls => Volatile.Read(ref calls);

    /// <summary>The project digest it returns (none when null), with the budget of each call.</summary>
    public string? Digest { get; init; }

    public System.Collections.Concurrent.ConcurrentQueue<int> DigestBudgets { get; } = new();

    public Task<CodeContext> GetProjectDigestAsync(Document document, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken)
    {
        DigestBudgets.Enqueue(budgetTokens);
        var text = Digest ?? "";
        return Task.FromResult(new CodeContext([], text, text.Length == 0 ? 0 : tokenCounter.CountTokens(text), budgetTokens));
    }

    /// <summary>When set, the rendered context for a caret position (as the real collector's cursor-level items).</summary>
    public Func<int, string>? ByPosition { get; init; }

    /// <summary>The token budget of each call, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> Budgets { get; } = new();

    public Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, CancellationToken cancellationToken) =>
        GetContextAsync(document, position, budgetTokens, EstimatingTokenCounter.Instance, cancellationToken);

    /// <summary>Counts the fixed text with the caller's counter, as the real collector does.</summary>
    public Task<CodeContext> GetContextAsync(Document document, int position, int budgetTokens, ITokenCounter tokenCounter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Budgets.Enqueue(budgetTokens);
        var text = ByPosition?.Invoke(position) ?? rendered;
        return Task.FromResult(new CodeContext([], text, tokenCounter.CountTokens(text), budgetTokens));
    }
}
