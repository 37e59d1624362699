using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Status;
using CodeAssist.Server.Transport;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server;

public static class ServerServiceCollectionExtensions
{
    /// <summary>
    /// The server's own services and every handler of <see cref="HandlerIndex"/>. The host adds logging, the
    /// option sources and, when it has them, IWorkspaceSession, ICodeContextProvider and ILanguageModels. What it
    /// leaves out is decided here and in <see cref="HandlerIndex"/>, once: no model is <see cref="NoLanguageModels"/>
    /// (features answer from Roslyn alone), no context provider means completions without Roslyn context, no
    /// workspace is a server that syncs documents and answers from their text.
    /// </summary>
    /// <param name="sources">Everything but the workspace root and the editor, which initialize adds.</param>
    public static IServiceCollection AddCodeAssistServer(this IServiceCollection services, OptionsLoader loader, OptionsSources sources)
    {
        var options = new ServerOptions(loader, sources);
        services.AddSingleton(options);
        services.AddSingleton(options.Exclusions);
        services.AddSingleton<ServerState>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<OversizedDocuments>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILanguageModels, NoLanguageModels>();
        services.AddSingleton<ClosedDocumentMemory>();
        services.AddSingleton<LanguageClient>();
        services.AddSingleton(provider => new WorkspaceAccess(provider.GetService<IWorkspaceSession>()));
        services.AddSingleton<WorkspaceLoader>();
        services.AddSingleton(provider => new ContextWarmUp(
            provider.GetRequiredService<WorkspaceAccess>(),
            provider.GetRequiredService<DocumentStore>(),
            provider.GetService<ICodeContextProvider>(),
            provider.GetRequiredService<InlineCompletionService>(),
            provider.GetRequiredService<ILogger<ContextWarmUp>>()));
        services.AddSingleton<WatchedFilesRegistration>();
        services.AddSingleton<StatusPublisher>();
        services.AddSingleton<RequestContextFactory>();
        services.AddHandlers();
        return services;
    }
}
