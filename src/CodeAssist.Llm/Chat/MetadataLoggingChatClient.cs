using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Chat;

/// <summary>
/// Chat middleware that logs each call's model, duration, token counts and outcome, and never its content:
/// prompts hold the user's code and, before redaction, possibly secrets. (The library's LoggingChatClient
/// logs messages at trace level, which is why this one exists.)
/// </summary>
public sealed partial class MetadataLoggingChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;
    private readonly string _name;

    public MetadataLoggingChatClient(IChatClient innerClient, ILogger logger, string name)
        : base(innerClient)
    {
        _logger = logger;
        _name = name;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            LogCompleted(_logger, _name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, response.FinishReason?.Value);
            return response;
        }
        catch (Exception exception) when (LogFailed(_name, exception))
        {
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        long? input = null;
        long? output = null;
        string? finish = null;
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (Exception exception) when (LogFailed(_name, exception))
            {
                throw;
            }

            var update = updates.Current;
            finish = update.FinishReason?.Value ?? finish;
            foreach (var usage in update.Contents.OfType<UsageContent>())
            {
                input = usage.Details.InputTokenCount ?? input;
                output = usage.Details.OutputTokenCount ?? output;
            }

            yield return update;
        }

        LogCompleted(_logger, _name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, input, output, finish);
    }

    private bool LogFailed(string name, Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            LogCancelled(_logger, name);
        }
        else
        {
            // Provider exceptions carry sanitized messages; the exception object is logged for its type and stack.
            LogFailure(_logger, name, exception.Message);
        }

        return false;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "chat {Name}: {ElapsedMs:0} ms, {InputTokens} in, {OutputTokens} out, finish {FinishReason}")]
    private static partial void LogCompleted(ILogger logger, string name, double elapsedMs, long? inputTokens, long? outputTokens, string? finishReason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "chat {Name}: cancelled")]
    private static partial void LogCancelled(ILogger logger, string name);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "chat {Name}: failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, string name, string reason);
}
