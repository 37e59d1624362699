using CodeAssist.Context;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Server.Handlers.InlineCompletion;

internal static class InlineCompletionRegistration
{
    /// <summary>The inline completion service (models and context are optional: without them it answers from Roslyn) and its methods.</summary>
    public static IServiceCollection AddInlineCompletion(this IServiceCollection services)
    {
        services.AddSingleton(provider => new InlineCompletionService(
            provider.GetService<ILanguageModels>(),
            provider.GetService<ICodeContextProvider>(),
            () => provider.GetRequiredService<ServerOptions>().Current,
            provider.GetService<TimeProvider>(),
            provider.GetRequiredService<ServerOptions>().Exclusions));
        services.AddSingleton<LooseDocuments>();
        services.AddSingleton<InlineSuggestions>();
        services.AddHandler<InlineCompletionHandler>();
        services.AddHandler<CompletionFallbackHandler>();
        services.AddHandler<StatsHandler>();
        services.AddCommand<AcceptedCommand>();
        return services;
    }
}
