using CodeAssist.Llm.Redaction;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CodeAssist.Llm.Tests.Redaction;

public sealed class RedactingLoggerProviderTests
{
    [Fact]
    public void Log_ThirdPartyLineWithACredentialInTheUrl_IsRedacted_AndSoIsTheException()
    {
        var inner = new RecordingLoggerProvider();
        using var provider = new RedactingLoggerProvider(inner);
        var logger = provider.CreateLogger("Polly");

        // The shape of HttpClient's and Polly's retry lines: the request URI, user info included.
        logger.Log(LogLevel.Warning, new EventId(3), "Execution attempt. Source: 'llm', Operation Key: '', Result: 'POST http://admin:pa55word@127.0.0.1:9/v1/completions'", new HttpRequestException("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 was rejected"), (s, _) => s);

        var line = Assert.Single(inner.Lines);
        Assert.DoesNotContain("pa55word", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789", line, StringComparison.Ordinal);
        Assert.Contains("http://admin:[REDACTED]@127.0.0.1:9/v1/completions", line, StringComparison.Ordinal);
        Assert.Contains("was rejected", line, StringComparison.Ordinal);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new RecordingLogger(Lines);

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception) + (exception is null ? "" : "\n" + exception));
    }
}
