using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.LlamaSharp;
using CodeAssist.Llm.Redaction;
using CodeAssist.Server;
using CodeAssist.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Cli.Hosting;

/// <summary>
/// The composition root of `codeassist serve`: options, logging, the workspace, the models, the features and the
/// server's handlers. The only place that chooses implementations.
/// </summary>
internal static class ServerComposition
{
    /// <param name="sources">The command line and settings file locations; initialize adds the root and the editor's.</param>
    public static ServiceProvider Build(OptionsLoader loader, OptionsSources sources, Action<IServiceCollection>? configure = null)
    {
        // The options before initialize (no workspace root yet): enough for logging and the first model settings.
        var options = loader.Load(sources).Options;
        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(logging => ConfigureLogging(logging, options));

        services.AddSingleton<IWorkspaceSession>(provider => new WorkspaceSession(provider.GetRequiredService<ILogger<WorkspaceSession>>()));

        services.AddSingleton<ICodeContextProvider, ContextCollector>();

        services.AddCodeAssistLlmHttp();
        services.AddSingleton<ILocalModelFactory>(provider => new LlamaSharpModelFactory(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new LanguageModels(
            options.ToLanguageModelSettings(),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<ILocalModelFactory>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ILanguageModels>(provider => provider.GetRequiredService<LanguageModels>());

        services.AddCodeAssistServer(loader, sources);
        configure?.Invoke(services);
        var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        FollowEditorSettings(built);
        return built;
    }

    /// <summary>When the editor changes the settings, the models follow (a loaded model stays if its settings did not change).</summary>
    private static void FollowEditorSettings(IServiceProvider services)
    {
        var models = services.GetRequiredService<LanguageModels>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CodeAssist.Hosting");
        services.GetRequiredService<ServerOptions>().Changed += (_, options) =>
        {
            try
            {
                models.Update(options);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                HostingLog.ModelUpdateFailed(logger, exception);
            }
        };
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

        RedactEveryProvider(logging.Services);
    }

    /// <summary>
    /// Every logger provider registered so far (console, file) writes through <see cref="RedactingLoggerProvider"/>,
    /// so third-party log lines (HttpClient, Polly) lose their credentials too.
    /// </summary>
    internal static void RedactEveryProvider(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(typeof(ILoggerProvider), provider => new RedactingLoggerProvider(CreateInner(provider, descriptor)), descriptor.Lifetime);
        }
    }

    private static ILoggerProvider CreateInner(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

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
