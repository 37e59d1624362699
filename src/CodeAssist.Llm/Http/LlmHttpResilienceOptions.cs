namespace CodeAssist.Llm.Http;

/// <summary>
/// The resilience pipeline of the model HTTP client. Retries happen only before a response has started
/// streaming: the pipeline wraps SendAsync, which returns at the response headers, so a half-streamed answer
/// is never sent twice. Completion requests carry no server-side state, so retrying their POST is safe.
/// </summary>
public sealed record LlmHttpResilienceOptions
{
    /// <summary>Retries after the first attempt. <value>2</value></summary>
    public int MaxRetryAttempts { get; init; } = 2;

    /// <summary>First backoff delay, doubled per attempt, with jitter. <value>500 ms</value></summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A Retry-After longer than this is not waited for: the error goes back at once, because an editor request
    /// is worthless a minute later. <value>10 s</value>
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time to the response headers of one attempt. <value>60 s</value></summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Failures within the sampling window that open the circuit. <value>5</value></summary>
    public int CircuitBreakerMinimumThroughput { get; init; } = 5;

    /// <summary>How long an open circuit rejects calls before letting one through. <value>15 s</value></summary>
    public TimeSpan CircuitBreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
