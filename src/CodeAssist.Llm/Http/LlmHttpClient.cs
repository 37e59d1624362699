using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace CodeAssist.Llm.Http;

/// <summary>Registers the named HttpClient that every remote provider uses, with its resilience pipeline.</summary>
public static class LlmHttpClient
{
    public const string Name = "codeassist-llm";

    public static IServiceCollection AddCodeAssistLlmHttp(this IServiceCollection services, LlmHttpResilienceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = options ?? new LlmHttpResilienceOptions();

        services
            .AddHttpClient(Name, client =>
            {
                // Timeouts are the pipeline's (per attempt) and the provider's (overall, and idle between chunks);
                // HttpClient's own timeout would also cut long streams.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("llm", builder => Configure(builder, settings))
            .SelectPipelineByAuthority();
        return services;
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, LlmHttpResilienceOptions settings)
    {
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            // Polly needs at least one attempt; zero retries is expressed through ShouldHandle.
            MaxRetryAttempts = Math.Max(1, settings.MaxRetryAttempts),
            Delay = settings.RetryBaseDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(settings.MaxRetryAttempts > 0 && ShouldRetry(args.Outcome, settings.MaxRetryAfter)),
        });
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = Math.Max(2, settings.CircuitBreakerMinimumThroughput),
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = settings.CircuitBreakerBreakDuration,
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        var status = response.StatusCode;
        var transient = status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
        if (!transient || status is HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported)
        {
            return false;
        }

        var retryAfter = RetryAfter(response);
        return retryAfter is null || retryAfter <= maxRetryAfter;
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - TimeProvider.System.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
