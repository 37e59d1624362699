using CodeAssist.Features.Configuration;
using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Handlers;
using CodeAssist.Server.Status;
using CodeAssist.Server.Transport;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CodeAssist.Server;

public static class ServerServiceCollectionExtensions
{
    /// <summary>
    /// The server's own services and every handler of <see cref="HandlerIndex"/>. The host adds logging, the
    /// option sources and, when it has them, IWorkspaceSession and ILanguageModels.
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
        services.AddSingleton<ClosedDocumentMemory>();
        services.AddSingleton<LanguageClient>();
        services.AddSingleton<WorkspaceAccess>();
        services.AddSingleton<WorkspaceLoader>();
        services.AddSingleton<ContextWarmUp>();
        services.AddSingleton<WatchedFilesRegistration>();
        services.AddSingleton<StatusPublisher>();
        services.AddSingleton<RequestContextFactory>();
        services.AddHandlers();
        return services;
    }
}
