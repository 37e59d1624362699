using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm.Redaction;

/// <summary>
/// Wraps a logger provider so that every line it writes, ours and third-party ones (HttpClient, Polly's retries),
/// goes through <see cref="SecretRedactor"/>: a password in an endpoint URL or a token in an exception message never
/// reaches the console or a log file.
/// </summary>
public sealed class RedactingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ILoggerProvider _inner;

    public RedactingLoggerProvider(ILoggerProvider inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => _inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The exception is folded into the message: its text (a URL, a server's error body) is redacted with it.
            inner.Log(logLevel, eventId, state, null, (s, e) =>
            {
                var message = formatter(s, e);
                return SecretRedactor.Redact(exception is null ? message : message + Environment.NewLine + exception);
            });
        }
    }
}
