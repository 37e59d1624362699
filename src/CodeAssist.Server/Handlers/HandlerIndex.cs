using CodeAssist.Context;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Diagnostics;
using CodeAssist.Server.Handlers.Assist;
using CodeAssist.Server.Handlers.Context;
using CodeAssist.Server.Handlers.Commands;
using CodeAssist.Server.Handlers.InlineCompletion;
using CodeAssist.Server.Handlers.Lifecycle;
using CodeAssist.Server.Handlers.Status;
using CodeAssist.Server.Handlers.Sync;
using CodeAssist.Server.Handlers.Trust;
using CodeAssist.Server.Handlers.Workspace;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Server.Handlers;

/// <summary>
/// Every LSP method the server serves, registered here and only here: this list is the index of supported
/// methods. To add one: write a handler class next to its feature and add one line below. Handlers and services
/// take what they need in their constructors and never look services up: what stands in for a model, a context
/// provider or a workspace the host did not compose is decided once, here and in <see cref="ServerServiceCollectionExtensions"/>.
/// </summary>
public static class HandlerIndex
{
    public static IServiceCollection AddHandlers(this IServiceCollection services)
    {
        // Lifecycle
        services.AddHandler<InitializeHandler>();
        services.AddHandler<InitializedHandler>();
        services.AddHandler<ShutdownHandler>();
        services.AddHandler<ExitHandler>();
        services.AddHandler<SetTraceHandler>();

        // Document sync (didOpen/didChange/didClose also drive pushed diagnostics)
        services.AddSingleton<DiagnosticsPublisher>();
        services.AddHandler<DidOpenHandler>();
        services.AddHandler<DidChangeHandler>();
        services.AddHandler<DidCloseHandler>();
        services.AddHandler<DidSaveHandler>();

        // Workspace
        services.AddHandler<DidChangeConfigurationHandler>();
        services.AddHandler<DidChangeWatchedFilesHandler>();
        services.AddHandler<ExecuteCommandHandler>();

        // Inline completion (without a model it answers from Roslyn alone; without a context provider, with no context)
        services.AddSingleton(provider => new InlineCompletionService(
            provider.GetRequiredService<ILanguageModels>(),
            provider.GetService<ICodeContextProvider>(),
            () => provider.GetRequiredService<ServerOptions>().Current,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ServerOptions>().Exclusions));
        services.AddSingleton<LooseDocuments>();
        services.AddSingleton<InlineSuggestions>();
        services.AddHandler<InlineCompletionHandler>();
        services.AddHandler<CompletionFallbackHandler>();
        services.AddHandler<StatsHandler>();
        services.AddHandler<DidChangeCursorHandler>();
        services.AddCommand<AcceptedCommand>();

        // CodeAssist extensions (docs/lsp-extensions.md)
        services.AddHandler<ServerStatusHandler>();
        // The context the host composed, or else what a ContextCollector finds in the workspace (if any)
        services.AddSingleton<IMethodHandler>(provider => new ContextHandler(
            provider.GetService<ICodeContextProvider>() ?? new ContextCollector(session: provider.GetRequiredService<WorkspaceAccess>().Session)));
        services.AddHandler<DidChangeTrustHandler>();

        // Explain, fix, refactor, stack traces (one shared response cache)
        services.AddSingleton<AssistServices>();
        services.AddHandler<CodeActionHandler>();
        services.AddHandler<CodeActionResolveHandler>();
        services.AddHandler<ExplainHandler>();
        services.AddHandler<AnalyzeStackTraceHandler>();

        return services;
    }

    /// <summary>Registers one handler (a singleton; its dependencies come from the container).</summary>
    public static IServiceCollection AddHandler<THandler>(this IServiceCollection services)
        where THandler : class, IMethodHandler =>
        services.AddSingleton<IMethodHandler, THandler>();

    /// <summary>Registers a workspace/executeCommand command (dispatched by <see cref="ExecuteCommandHandler"/>).</summary>
    public static IServiceCollection AddCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, IWorkspaceCommand =>
        services.AddSingleton<IWorkspaceCommand, TCommand>();
}
