namespace CodeAssist.Llm.Providers;

/// <summary>Which failures hand a request to the next provider of a chain.</summary>
internal static class FallbackPolicy
{
    /// <summary>
    /// Every failure of a provider (an HTTP error, a timeout, an open circuit breaker, a local model's error) moves
    /// on; only the caller's own cancellation stops the chain.
    /// </summary>
    public static bool ShouldTryNext(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    /// <summary>What the log and the status say about a failure: the message only (provider errors never carry keys).</summary>
    public static string Describe(Exception exception) =>
        exception is OperationCanceledException ? "timed out" : exception.Message;
}
