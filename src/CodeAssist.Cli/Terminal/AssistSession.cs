using CodeAssist.Features.Caching;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace CodeAssist.Cli.Terminal;

/// <summary>What every assistant command sets up after parsing: models, cache and prompts for a workspace root.</summary>
internal sealed record AssistSession(ILanguageModels Models, IResponseCache? Cache, PromptLibrary Prompts, ModelOverrides Overrides)
{
    public static AssistSession Create(CliEnvironment environment, ModelOverrides overrides, string? workspaceRoot, bool noCache) => new(
        environment.CreateModels(overrides, workspaceRoot),
        noCache ? null : new DiskResponseCache(environment.CacheDirectory),
        PromptLibrary.ForWorkspace(workspaceRoot),
        overrides);

    public static string? WorkspaceRoot(Document document) =>
        Path.GetDirectoryName(document.Project.FilePath ?? document.FilePath ?? "") is { Length: > 0 } root ? root : null;

    /// <summary>
    /// Loads the feature's model (behind a spinner, since a local model takes seconds) and fails with exit code 4
    /// when the user asked for a model with flags and none is available.
    /// </summary>
    public async Task<IChatClient?> RequireModelIfAskedAsync(string feature, StatusDisplay status)
    {
        var client = await status.RunAsync("Loading model...", () => Task.FromResult(Models.GetChatClient(feature))).ConfigureAwait(false);
        if (client is null && Overrides.RequiresModel)
        {
            throw new CliException(ExitCodes.ModelUnavailable, $"the requested model is unavailable: {Models.Status.Message}");
        }

        return client;
    }
}
