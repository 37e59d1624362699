using CodeAssist.Features.Configuration;
using CodeAssist.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Cli.Hosting;

/// <summary>
/// The composition root of `codeassist serve`: options, logging, the workspace, the models, the features and the
/// server's handlers. The only place that chooses implementations.
/// </summary>
internal static class ServerComposition
{
    public static ServiceProvider Build(CodeAssistOptions options, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => ConfigureLogging(logging, options));

        // IWorkspaceSession (CodeAssist.Context) and ILanguageModels (CodeAssist.Llm) are registered here once they
        // exist; until then the server runs without them (documents sync, status says "no model").
        services.AddCodeAssistServer(options);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static void ConfigureLogging(ILoggingBuilder logging, CodeAssistOptions options)
    {
        var level = ParseLevel(options.Trace);
        logging.SetMinimumLevel(level);

        // stdout carries JSON-RPC: every console log line goes to stderr.
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        if (!string.IsNullOrWhiteSpace(options.LogFile))
        {
            logging.AddProvider(new FileLoggerProvider(options.LogFile, TimeProvider.System));
        }
    }

    internal static LogLevel ParseLevel(string? trace) => trace?.ToLowerInvariant() switch
    {
        "off" or "none" => LogLevel.None,
        "error" => LogLevel.Error,
        "warning" or "warn" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        "trace" or "verbose" => LogLevel.Trace,
        _ => LogLevel.Information,
    };
}
