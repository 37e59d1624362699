using CodeAssist.Llm.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Llm;

public static class LanguageModelsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LanguageModels"/> (also as <see cref="ILanguageModels"/>) with the model HttpClient.
    /// An <see cref="ILocalModelFactory"/> registered by the composition root is used for local models; without
    /// one, local models report that this build cannot load them. Typical use:
    /// <c>services.AddCodeAssistLanguageModels(sp => sp.GetRequiredService&lt;CodeAssistOptions&gt;().ToLanguageModelSettings())</c>.
    /// </summary>
    public static IServiceCollection AddCodeAssistLanguageModels(this IServiceCollection services, Func<IServiceProvider, LanguageModelSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddCodeAssistLlmHttp();
        services.TryAddSingleton(provider => new LanguageModels(
            settings(provider),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetService<ILocalModelFactory>(),
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ILanguageModels>(provider => provider.GetRequiredService<LanguageModels>());
        return services;
    }
}
