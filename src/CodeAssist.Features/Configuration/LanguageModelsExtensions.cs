using CodeAssist.Llm;

namespace CodeAssist.Features.Configuration;

public static class LanguageModelsExtensions
{
    /// <summary>Applies new settings (didChangeConfiguration): unchanged models stay loaded, changed ones are replaced.</summary>
    public static void Update(this LanguageModels models, CodeAssistOptions options)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        models.Update(options.ToLanguageModelSettings());
    }
}
