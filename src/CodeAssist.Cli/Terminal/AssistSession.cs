using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Cli.Terminal;

/// <summary>What every assistant command sets up after parsing: settings, models, cache and prompts for a workspace root.</summary>
internal sealed class AssistSession(LoadedOptions settings, ILanguageModels models, IResponseCache? cache, PromptLibrary prompts, ModelOverrides overrides, string? workspaceRoot = null) : IDisposable
{
    private readonly Lazy<ContentExclusion> _exclusion = new(() => ContentExclusion.Create(workspaceRoot, settings.Options.Exclude));

    /// <summary>The effective settings: user file, workspace .codeassist.json, environment and the model flags.</summary>
    public CodeAssistOptions Options => settings.Options;

    /// <summary>Files whose text must not reach a model: .codeassistignore, the `exclude` setting, built-in secrets.</summary>
    public ContentExclusion Exclusion => _exclusion.Value;

    /// <summary>The models for a feature on <paramref name="document"/>: none when its file is excluded.</summary>
    public ILanguageModels ModelsFor(Document document) => ExcludedFileModels.For(Models, Exclusion, document);

    public ILanguageModels Models { get; } = models;

    public IResponseCache? Cache { get; } = cache;

    public PromptLibrary Prompts { get; } = prompts;

    /// <summary>Loads the settings once, says what is wrong in them on stderr, and creates the models from them.</summary>
    public static AssistSession Create(CliEnvironment environment, ModelOverrides overrides, string? workspaceRoot, bool noCache)
    {
        var settings = CliSettings.Load(workspaceRoot, overrides.ToCommandLine());
        foreach (var problem in settings.Problems)
        {
            environment.Error.WriteLine($"codeassist: {problem}");
        }

        return new AssistSession(
            settings,
            environment.CreateModels(overrides, workspaceRoot),
            noCache ? null : CliResponseCache.Create(environment, workspaceRoot),
            PromptLibrary.ForWorkspace(settings.WorkspaceTrusted ? workspaceRoot : null),
            overrides,
            workspaceRoot);
    }

    public static string? WorkspaceRoot(Document document) =>
        Path.GetDirectoryName(document.Project.FilePath ?? document.FilePath ?? "") is { Length: > 0 } root ? root : null;

    /// <summary>
    /// Waits for the feature's chat model to load (behind a spinner: a local model takes seconds) and fails with exit
    /// code 4 when the user asked for a model with flags and none is available.
    /// </summary>
    public async Task WaitForModelAsync(string feature, StatusDisplay status, CancellationToken cancellationToken)
    {
        await WhenLoadedAsync(status, cancellationToken).ConfigureAwait(false);
        if (Models.GetChatClient(feature) is null && overrides.RequiresModel)
        {
            throw Unavailable();
        }
    }

    /// <summary>As <see cref="WaitForModelAsync"/>, for the completion model of inline suggestions.</summary>
    public async Task WaitForCompletionModelAsync(string feature, StatusDisplay status, CancellationToken cancellationToken)
    {
        await WhenLoadedAsync(status, cancellationToken).ConfigureAwait(false);
        if (Models.GetCompletionModel(feature) is null && overrides.RequiresModel)
        {
            throw Unavailable();
        }
    }

    public void Dispose()
    {
        (Models as IDisposable)?.Dispose();
        (Cache as IDisposable)?.Dispose();
    }

    private async Task WhenLoadedAsync(StatusDisplay status, CancellationToken cancellationToken)
    {
        if (Models is LanguageModels loading && loading.Status.State == ModelState.Loading)
        {
            await status.RunAsync("Loading model...", async () =>
            {
                await loading.WhenLoadedAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
    }

    private CliException Unavailable() => new(ExitCodes.ModelUnavailable, $"the requested model is unavailable: {Models.Status.Message}");
}
