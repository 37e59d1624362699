using CodeAssist.Cli.Hosting;
using CodeAssist.Llm.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CodeAssist.Cli.Tests.Hosting;

public sealed class LogRedactionTests
{
    [Fact]
    public void RedactEveryProvider_WrapsTheConsoleAndEveryOtherProvider()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.AddProvider(new NoLoggerProvider());
        });

        ServerComposition.RedactEveryProvider(services);
        using var provider = services.BuildServiceProvider();

        var providers = provider.GetServices<ILoggerProvider>().ToList();
        Assert.Equal(2, providers.Count);
        Assert.All(providers, p => Assert.IsType<RedactingLoggerProvider>(p));
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("Polly").LogWarning("POST http://admin:pa55word@127.0.0.1:9/v1/completions");
    }

    private sealed class NoLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }
}
